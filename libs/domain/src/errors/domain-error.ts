/** Machine-readable reason of a {@link DomainError}; stable, safe to map to HTTP statuses or `ApplicationFailure` types. */
export enum DomainErrorCode {
  InvalidAmount = 'INVALID_AMOUNT',
  InvalidRate = 'INVALID_RATE',
  DiscountExceedsSubtotal = 'DISCOUNT_EXCEEDS_SUBTOTAL',
  InvalidDate = 'INVALID_DATE',
  InvalidBillingDay = 'INVALID_BILLING_DAY',
  InvalidPeriod = 'INVALID_PERIOD',
  InvalidLeadTime = 'INVALID_LEAD_TIME',
  DateOutsidePeriod = 'DATE_OUTSIDE_PERIOD',
  InvalidPhone = 'INVALID_PHONE',
  InvalidInvoiceNumber = 'INVALID_INVOICE_NUMBER',
}

/** Indonesian message shown to operators for each code; `detail` names the offending value. */
const MESSAGES: Record<DomainErrorCode, (detail: string) => string> = {
  [DomainErrorCode.InvalidAmount]: (detail) => `Nominal tidak valid: ${detail}. Gunakan bilangan bulat rupiah.`,
  [DomainErrorCode.InvalidRate]: (detail) => `Tarif tidak valid: ${detail}. Gunakan basis poin berupa bilangan bulat (1.100 = 11%).`,
  [DomainErrorCode.DiscountExceedsSubtotal]: (detail) => `Diskon melebihi subtotal tagihan: ${detail}.`,
  [DomainErrorCode.InvalidDate]: (detail) => `Tanggal atau waktu tidak valid: ${detail}. Gunakan format ISO 8601 (YYYY-MM-DD).`,
  [DomainErrorCode.InvalidBillingDay]: (detail) => `Tanggal tagihan tidak valid: ${detail}. Pilih tanggal 1 sampai 28.`,
  [DomainErrorCode.InvalidPeriod]: (detail) => `Periode tidak valid: ${detail}. Gunakan format YYYY-MM, misalnya 2026-03.`,
  [DomainErrorCode.InvalidLeadTime]: (detail) =>
    `Jadwal terbit tagihan tidak valid: ${detail}. Hari sebelum tanggal tagihan 0–27, jam 0–23, menit 0–59.`,
  [DomainErrorCode.DateOutsidePeriod]: (detail) => `Tanggal berada di luar periode tagihan: ${detail}.`,
  [DomainErrorCode.InvalidPhone]: (detail) =>
    `Nomor telepon tidak valid: ${detail}. Gunakan nomor Indonesia, misalnya 081234567890 atau 6281234567890 (10–15 digit diawali 62).`,
  [DomainErrorCode.InvalidInvoiceNumber]: (detail) =>
    `Nomor invoice tidak valid: ${detail}. Format yang benar: INV/2026/11/000123.`,
};

/** A business rule refused an input. Carries a stable `code`, the offending `detail` and an Indonesian `message`. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
  ) {
    super(MESSAGES[code](detail));
  }
}

/** Whether `error` is a {@link DomainError}, optionally with the given code. */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

/** Quotes a rejected input for an error detail, so that empty strings and spaces stay visible. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
