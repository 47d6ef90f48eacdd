import { DomainError, DomainErrorCode, describeValue } from '../errors';

/** An Indonesian phone number in the stored/WhatsApp form: digits only, `62` + national number, 10–15 digits. */
export type IndonesianPhone = string;

const NORMALISED = /^62[1-9]\d{7,12}$/;
const SEPARATORS = /[\s\-.()]/g;

/** Whether `value` is already in the stored form (`6281234567890`), as 004 requires. */
export function isNormalisedPhone(value: unknown): value is IndonesianPhone {
  return typeof value === 'string' && NORMALISED.test(value);
}

/**
 * Brings a phone number typed by a person or read from CSV into the stored form `62…` (10–15 digits).
 * Accepts `08…` (national, trunk prefix 0), `+62…`, `62…`, also `+62 (0)8…`, with spaces, dashes,
 * dots or parentheses: `0812-3456-7890`, `+62 812 3456 7890` → `6281234567890`.
 * Throws `INVALID_PHONE` ("Nomor telepon tidak valid: …") for anything else, e.g. other country codes.
 *
 * Written by hand rather than with libphonenumber-js: its heuristics read a `62…` string without `+`
 * as a national number when the remainder is short (`62812345` became `+6262812345`), and the rule
 * here is the product's format rule, not a carrier-range check.
 */
export function normalisePhone(input: string): IndonesianPhone {
  const compact = String(input).trim().replace(SEPARATORS, '');
  const national = nationalNumber(compact);
  const normalised = national === undefined ? undefined : `62${national}`;
  if (normalised === undefined || !isNormalisedPhone(normalised)) {
    throw new DomainError(DomainErrorCode.InvalidPhone, describeValue(input));
  }
  return normalised;
}

/** The national number without trunk prefix, or undefined when the input is not written as an Indonesian number. */
function nationalNumber(compact: string): string | undefined {
  if (compact.startsWith('+62')) return withoutTrunkPrefix(compact.slice(3));
  if (compact.startsWith('62')) return withoutTrunkPrefix(compact.slice(2));
  if (compact.startsWith('0')) return compact.slice(1);
  return undefined;
}

/** `+62 (0)812…` and `620812…` carry the national trunk prefix 0 after the country code; drop it once. */
function withoutTrunkPrefix(national: string): string {
  return national.startsWith('0') ? national.slice(1) : national;
}
