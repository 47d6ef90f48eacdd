import { DomainError, DomainErrorCode, describeValue } from '../errors';

/**
 * Asia/Jakarta (WIB): every calendar rule of Lunas is in this zone. Kept as the IANA name for callers that
 * need one (e.g. to label a time); the calendar below never looks it up.
 */
export const JAKARTA_TIME_ZONE = 'Asia/Jakarta';

/**
 * WIB is UTC+07:00 with no daylight saving: Asia/Jakarta has used this fixed offset since 1 January 1964
 * (IANA tz database), so every date Lunas handles is UTC shifted by 7 × 60 × 60 × 1000 = 25 200 000 ms.
 * The calendar is plain UTC arithmetic on that shift rather than time-zone data (`Intl`, `TZDate`): it gives
 * the same answers under any process `TZ`, and inside the Temporal workflow sandbox, whose replaced `Date`
 * breaks `Date` subclasses. Instants before 1964 are read with this offset too.
 */
export const JAKARTA_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** Wall clocks from 0000-01-01T00:00 up to (excluding) 10000-01-01T00:00 are what `YYYY-MM-DD` can write. */
const MIN_WRITABLE_MS = new Date(0).setUTCFullYear(0, 0, 1);
const MAX_WRITABLE_MS = Date.UTC(10_000, 0, 1);

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
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
  return wallClockIso(instant).slice(0, 10);
}

/** The instant of wall-clock `hour:minute` WIB on `date`: (`2026-02-04`, 6) → 2026-02-03T23:00:00Z. */
export function jakartaInstant(date: IsoDate, hour = 0, minute = 0): Instant {
  const midnight = utcMidnightOf(date);
  if (!isWholeInRange(hour, 0, 23) || !isWholeInRange(minute, 0, 59)) {
    throw new DomainError(DomainErrorCode.InvalidDate, `${date} ${describeValue(hour)}:${describeValue(minute)}`);
  }
  return midnight + (hour * 60 + minute) * MINUTE_MS - JAKARTA_UTC_OFFSET_MS;
}

/** ISO 8601 with the WIB offset, seconds precision: `2026-02-04T06:00:00+07:00`. */
export function formatJakartaDateTime(instant: Instant): string {
  return `${wallClockIso(instant).slice(0, 19)}+07:00`;
}

/** The date `days` whole calendar days after `date` (negative goes back): (`2026-02-28`, 1) → `2026-03-01`. */
export function addDaysToIsoDate(date: IsoDate, days: number): IsoDate {
  const midnight = utcMidnightOf(date);
  if (!Number.isSafeInteger(days)) throw new DomainError(DomainErrorCode.InvalidDate, `${date} + ${describeValue(days)}`);
  return writeUtc(midnight + days * DAY_MS, `${date} + ${days}`).slice(0, 10);
}

/** Calendar days from `from` to `to` (`to − from`): (`2026-02-05`, `2026-03-05`) → 28. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return (utcMidnightOf(to) - utcMidnightOf(from)) / DAY_MS;
}

/** The ISO date of a calendar date given as numbers (month 1–12): (2027, 1, 5) → `2027-01-05`; throws `INVALID_DATE` if it does not exist. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return assertIsoDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` of the WIB wall clock (the "Z" is meaningless here; callers slice it off). */
function wallClockIso(instant: Instant): string {
  return writeUtc(assertInstant(instant) + JAKARTA_UTC_OFFSET_MS, describeValue(instant));
}

/** `toISOString()` of `utcMs`; throws `INVALID_DATE` (about `what`) outside years 0000–9999, which `YYYY` cannot write. */
function writeUtc(utcMs: number, what: string): string {
  if (utcMs < MIN_WRITABLE_MS || utcMs >= MAX_WRITABLE_MS) throw new DomainError(DomainErrorCode.InvalidDate, what);
  return new Date(utcMs).toISOString();
}

/** Epoch ms of 00:00 UTC on `date`: the calendar arithmetic works on these whole-day multiples. */
function utcMidnightOf(date: IsoDate): number {
  const [year, month, day] = assertIsoDate(date).split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function isWholeInRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
