/** Banks whose statement exports can be imported. */
export const STATEMENT_BANKS = ['bca', 'mandiri', 'bri'] as const;
export type StatementBank = (typeof STATEMENT_BANKS)[number];

export const STATEMENT_BANK_LABELS: Readonly<Record<StatementBank, string>> = { bca: 'BCA', mandiri: 'Mandiri', bri: 'BRI' };

/** A statement line that parsed cleanly. */
export interface StatementTransaction {
  readonly status: 'valid';
  /** Line in the file (1-based), as a spreadsheet would number it. */
  readonly rowNumber: number;
  /** Booking date, YYYY-MM-DD (Asia/Jakarta calendar date as printed by the bank). */
  readonly date: string;
  readonly description: string;
  /** Integer rupiah, > 0. */
  readonly amount: number;
  readonly direction: 'credit' | 'debit';
  /** Bank reference when the export has one (none of the supported layouts has a dedicated column yet). */
  readonly reference?: string;
  readonly accountNumber?: string;
  /**
   * SHA-256 over bank, account, date, direction, amount, normalised description, running balance and
   * the occurrence index among identical lines: the same line in a re-import (or an overlapping
   * export) gets the same fingerprint, so rows can be recorded idempotently.
   */
  readonly fingerprint: string;
}

/** A statement line that could not be read, with a precise Indonesian reason ("Baris 7: …"). */
export interface InvalidStatementRow {
  readonly status: 'invalid';
  readonly rowNumber: number;
  readonly reason: string;
  readonly cells: readonly string[];
}

export type StatementRow = StatementTransaction | InvalidStatementRow;

export type BankStatementErrorCode =
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'NOT_UTF8'
  | 'WRONG_DELIMITER'
  | 'MISSING_COLUMNS'
  | 'MALFORMED_CSV'
  | 'MISSING_PERIOD';

/** Why a whole file was refused; `message` is Indonesian and tells the operator what to fix. */
export interface BankStatementError {
  readonly code: BankStatementErrorCode;
  readonly message: string;
}

export type BankStatementParse =
  | { readonly ok: true; readonly bank: StatementBank; readonly layout: string; readonly accountNumber?: string; readonly rows: readonly StatementRow[] }
  | { readonly ok: false; readonly error: BankStatementError };
