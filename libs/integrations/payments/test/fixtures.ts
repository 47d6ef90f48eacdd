import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Raw bytes of a fixture under test/fixtures. */
export function fixtureBytes(relativePath: string): Buffer {
  return readFileSync(join(__dirname, 'fixtures', relativePath));
}

export function fixtureJson(relativePath: string): Record<string, unknown> {
  return JSON.parse(fixtureBytes(relativePath).toString('utf8')) as Record<string, unknown>;
}

export function bodyOf(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
