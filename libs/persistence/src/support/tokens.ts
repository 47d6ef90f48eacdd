import { createHash, randomBytes } from 'node:crypto';

/** An unguessable receipt token: 32 random bytes (256 bits) as base64url, 43 characters. */
export function generateReceiptToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a secret token (refresh tokens are stored only as this hash). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
