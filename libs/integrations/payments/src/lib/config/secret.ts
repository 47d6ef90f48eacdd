import { inspect } from 'node:util';

export const REDACTED = '[redacted]';

/**
 * A credential that cannot leak by accident: JSON.stringify, string interpolation, console.log and
 * pino all print "[redacted]". Only `reveal()` returns the value, at the point of use.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}

export function asSecret(value: Secret | string): Secret {
  return value instanceof Secret ? value : new Secret(value);
}
