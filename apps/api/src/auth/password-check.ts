import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a user's argon2 hash. Without a user (unknown or inactive name) it checks against a
 * dummy hash made with the same parameters as every stored hash (`@node-rs/argon2` defaults, as the seed uses), so
 * both answers take as long and the login time does not tell which names exist.
 */
export async function checkPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash !== null) return verify(passwordHash, password);
  await verify(await dummyPasswordHash(), password);
  return false;
}

/** The dummy hash, made once per process from a random password nobody knows. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'));
  return dummyHash;
}
