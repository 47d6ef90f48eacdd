import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ValueTransformer } from 'typeorm';

const ALGORITHM = 'aes-256-gcm';
/** 12-byte IV: the size GCM is specified for (NIST SP 800-38D). */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_PREFIX = 'v1:';

/**
 * Development-only key (32 bytes of 0x07), the same default `@lunas/config` uses outside production,
 * so data written by the seed and by the apps in development stays readable by both.
 */
const DEVELOPMENT_KEY = Buffer.alloc(32, 7);

let configuredKey: Buffer | undefined;

/** Sets the AES-256-GCM key used by encrypted columns (call once at boot with the validated config key). */
export function setEncryptionKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError(`Encryption key must be 32 bytes (got ${key.length})`);
  configuredKey = key;
}

/**
 * Reads `LUNAS_ENCRYPTION_KEY` (32 bytes as 64 hex digits or base64). When it is absent the
 * development key is used, except with `NODE_ENV=production`, where that is an error.
 */
export function encryptionKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  const raw = env['LUNAS_ENCRYPTION_KEY'];
  if (!raw) {
    if (env['NODE_ENV'] === 'production') {
      throw new Error('LUNAS_ENCRYPTION_KEY is required in production: 32 random bytes as base64 (openssl rand -base64 32)');
    }
    return DEVELOPMENT_KEY;
  }
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new Error(`LUNAS_ENCRYPTION_KEY must be 32 bytes as base64 or 64 hex digits (got ${key.length} bytes)`);
  }
  return key;
}

function currentKey(): Buffer {
  configuredKey ??= encryptionKeyFromEnv();
  return configuredKey;
}

/** Encrypts text as `v1:<base64url(iv | tag | ciphertext)>`; a fresh random IV every time. */
export function encryptText(plaintext: string, key: Buffer = currentKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return FORMAT_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** Reverses {@link encryptText}; throws if the value was tampered with or the key is wrong. */
export function decryptText(stored: string, key: Buffer = currentKey()): string {
  if (!stored.startsWith(FORMAT_PREFIX)) throw new Error('Encrypted value has an unknown format');
  const packed = Buffer.from(stored.slice(FORMAT_PREFIX.length), 'base64url');
  const decipher = createDecipheriv(ALGORITHM, key, packed.subarray(0, IV_BYTES));
  decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** Column transformer: plaintext string in the entity, AES-256-GCM ciphertext in the table. */
export const encryptedTextTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => (value === null || value === undefined ? value : encryptText(value)),
  from: (value: string | null | undefined) => (value === null || value === undefined ? value : decryptText(value)),
};

/** Column transformer for a JSON document kept encrypted (e.g. WhatsApp session credentials). */
export const encryptedJsonTransformer: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? value : encryptText(JSON.stringify(value))),
  from: (value: string | null | undefined) => (value === null || value === undefined ? value : JSON.parse(decryptText(value))),
};
