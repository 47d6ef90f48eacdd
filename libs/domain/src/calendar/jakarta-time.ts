import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, formatISO } from 'date-fns';
import { DomainError, DomainErrorCode, describeValue } from '../errors';

/**
 * Asia/Jakarta (WIB, UTC+07:00, no daylight saving since 1964): every calendar rule of Lunas is in this zone.
 * Computed through `@date-fns/tz` (Intl time-zone data), which is deterministic and available in the
 * Temporal workflow sandbox.
 */
export const JAKARTA_TIME_ZONE = 'Asia/Jakarta';

/** A point in time as epoch milliseconds. Always passed in (workflow time), never read from the clock. */
export type Instant = number;

/** A calendar date in Asia/Jakarta, ISO 8601 `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-29, 2026-13-01, …). */
export function isIsoDate(value: unknown): value is IsoDate {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = jakartaMidnight(year, month, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

/** Returns `value` when it is a valid {@link IsoDate}; throws `INVALID_DATE` otherwise. */
export function assertIsoDate(value: string): IsoDate {
  if (!isIsoDate(value)) throw new DomainError(DomainErrorCode.InvalidDate, describeValue(value));
  return value;
}

/** Returns `instant` when it is a finite epoch-millisecond number; throws `INVALID_DATE` otherwise. */
export function assertInstant(instant: Instant): Instant {
  if (!Number.isFinite(instant)) throw new DomainError(DomainErrorCode.InvalidDate, describeValue(instant));
  return instant;
}

/** The Asia/Jakarta calendar date of an instant: 2026-02-03T17:30:00Z → `2026-02-04`. */
export function jakartaDateOf(instant: Instant): IsoDate {
  return formatISO(new TZDate(assertInstant(instant), JAKARTA_TIME_ZONE), { representation: 'date' });
}

/** The instant of wall-clock `hour:minute` WIB on `date`: (`2026-02-04`, 6) → 2026-02-03T23:00:00Z. */
export function jakartaInstant(date: IsoDate, hour = 0, minute = 0): Instant {
  const [year, month, day] = assertIsoDate(date).split('-').map(Number);
  if (!isWholeInRange(hour, 0, 23) || !isWholeInRange(minute, 0, 59)) {
    throw new DomainError(DomainErrorCode.InvalidDate, `${date} ${describeValue(hour)}:${describeValue(minute)}`);
  }
  return new TZDate(year, month - 1, day, hour, minute, JAKARTA_TIME_ZONE).getTime();
}

/** ISO 8601 with the WIB offset, seconds precision: `2026-02-04T06:00:00+07:00`. */
export function formatJakartaDateTime(instant: Instant): string {
  return formatISO(new TZDate(assertInstant(instant), JAKARTA_TIME_ZONE));
}

/** The date `days` calendar days after `date` (negative goes back): (`2026-02-28`, 1) → `2026-03-01`. */
export function addDaysToIsoDate(date: IsoDate, days: number): IsoDate {
  return formatISO(addDays(toJakartaMidnight(date), days), { representation: 'date' });
}

/** Calendar days from `from` to `to` (`to − from`): (`2026-02-05`, `2026-03-05`) → 28. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toJakartaMidnight(to), toJakartaMidnight(from));
}

/** The ISO date of a calendar date given as numbers (month 1–12): (2027, 1, 5) → `2027-01-05`; throws `INVALID_DATE` if it does not exist. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return assertIsoDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

function jakartaMidnight(year: number, month: number, day: number): TZDate {
  return new TZDate(year, month - 1, day, JAKARTA_TIME_ZONE);
}

function toJakartaMidnight(date: IsoDate): TZDate {
  const [year, month, day] = assertIsoDate(date).split('-').map(Number);
  return jakartaMidnight(year, month, day);
}

function isWholeInRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
