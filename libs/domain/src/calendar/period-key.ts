import { DomainError, DomainErrorCode, describeValue } from '../errors';

/** A billing period's month, `YYYY-MM` (e.g. `2026-03`), as stored in `invoices.period`. */
export type PeriodKey = string;

/** A calendar month; `month` is 1–12. */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

const PERIOD_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `value` is a well-formed {@link PeriodKey}. */
export function isPeriodKey(value: unknown): value is PeriodKey {
  return typeof value === 'string' && PERIOD_KEY.test(value);
}

/** `2026-03` → `{ year: 2026, month: 3 }`; throws `INVALID_PERIOD` for anything else (`2026-3`, `2026-13`). */
export function parsePeriodKey(key: string): YearMonth {
  const match = PERIOD_KEY.exec(key);
  if (!match) throw new DomainError(DomainErrorCode.InvalidPeriod, describeValue(key));
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** `{ year: 2026, month: 3 }` → `2026-03`; throws `INVALID_PERIOD` outside years 1000–9999 or months 1–12. */
export function formatPeriodKey({ year, month }: YearMonth): PeriodKey {
  return assertPeriodKey(`${year}-${String(month).padStart(2, '0')}`);
}

/** The key `months` calendar months after `key` (negative goes back): (`2026-12`, 1) → `2027-01`. */
export function addMonthsToPeriodKey(key: PeriodKey, months: number): PeriodKey {
  const { year, month } = parsePeriodKey(key);
  if (!Number.isSafeInteger(months)) throw new DomainError(DomainErrorCode.InvalidPeriod, `${key} + ${describeValue(months)}`);
  const index = year * 12 + (month - 1) + months;
  return formatPeriodKey({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

function assertPeriodKey(key: string): PeriodKey {
  if (!isPeriodKey(key)) throw new DomainError(DomainErrorCode.InvalidPeriod, describeValue(key));
  return key;
}
