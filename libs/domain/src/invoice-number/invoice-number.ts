import { DomainError, DomainErrorCode, describeValue } from '../errors';

/** The parts of an invoice number `PREFIX/YYYY/MM/NNNNNN`, e.g. `INV/2026/11/000123`. */
export interface InvoiceNumberParts {
  /** Tenant's prefix: 1–16 capital letters, digits or dashes. */
  readonly prefix: string;
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** Positive; allocated by the database, unique per tenant and month. */
  readonly sequence: number;
}

/** Prefix used when a tenant has not chosen one. */
export const DEFAULT_INVOICE_NUMBER_PREFIX = 'INV';

/** Minimum width of the sequence: 6 digits (up to 999.999 invoices per tenant per month before it widens). */
export const INVOICE_SEQUENCE_DIGITS = 6;

const PREFIX = /^[A-Z0-9-]{1,16}$/;
const INVOICE_NUMBER = /^([A-Z0-9-]{1,16})\/(\d{4})\/(0[1-9]|1[0-2])\/(\d{6,})$/;

/**
 * `{ year: 2026, month: 11, sequence: 123 }` → `INV/2026/11/000123`.
 * Pure formatting: the sequence must come from an atomic per-tenant counter in the database, which is
 * what guarantees numbers never repeat. Throws `INVALID_INVOICE_NUMBER` for a bad prefix, year, month or sequence.
 */
export function formatInvoiceNumber(parts: Omit<InvoiceNumberParts, 'prefix'> & { readonly prefix?: string }): string {
  const { prefix = DEFAULT_INVOICE_NUMBER_PREFIX, year, month, sequence } = parts;
  const valid =
    PREFIX.test(prefix) &&
    Number.isInteger(year) && year >= 1000 && year <= 9999 &&
    Number.isInteger(month) && month >= 1 && month <= 12 &&
    Number.isSafeInteger(sequence) && sequence >= 1;
  if (!valid) {
    throw new DomainError(DomainErrorCode.InvalidInvoiceNumber, `${prefix}/${year}/${month}/${sequence}`);
  }
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${prefix}/${year}/${pad(month, 2)}/${pad(sequence, INVOICE_SEQUENCE_DIGITS)}`;
}

/** `INV/2026/11/000123` → `{ prefix: 'INV', year: 2026, month: 11, sequence: 123 }`; throws `INVALID_INVOICE_NUMBER` otherwise. */
export function parseInvoiceNumber(value: string): InvoiceNumberParts {
  const match = INVOICE_NUMBER.exec(value);
  const sequence = match ? Number(match[4]) : 0;
  if (!match || !Number.isSafeInteger(sequence) || sequence < 1 || formatted(match, sequence) !== value) {
    throw new DomainError(DomainErrorCode.InvalidInvoiceNumber, describeValue(value));
  }
  return { prefix: match[1], year: Number(match[2]), month: Number(match[3]), sequence };
}

/** Canonical form of a matched number, to reject non-canonical padding such as `…/0001234` for 1.234. */
function formatted(match: RegExpExecArray, sequence: number): string {
  return formatInvoiceNumber({ prefix: match[1], year: Number(match[2]), month: Number(match[3]), sequence });
}

/** Prefix of credit note numbers (nota kredit). */
export const CREDIT_NOTE_NUMBER_PREFIX = 'NK';

/** `{ year: 2026, sequence: 7 }` → `NK/2026/000007`: numbered per tenant and year by a database counter. */
export function formatCreditNoteNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || !Number.isSafeInteger(sequence) || sequence < 1) {
    throw new DomainError(DomainErrorCode.InvalidInvoiceNumber, `${CREDIT_NOTE_NUMBER_PREFIX}/${year}/${sequence}`);
  }
  return `${CREDIT_NOTE_NUMBER_PREFIX}/${year}/${String(sequence).padStart(INVOICE_SEQUENCE_DIGITS, '0')}`;
}
