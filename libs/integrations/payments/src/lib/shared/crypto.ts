import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison; unequal lengths return false without comparing contents. */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sha512Hex(input: string): string {
  return createHash('sha512').update(input, 'utf8').digest('hex');
}

export function hmacSha256Hex(key: string, message: string | Buffer): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

export function sha256Hex(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex');
}
