import { addDaysToIsoDate, type Instant, type IsoDate, JAKARTA_UTC_OFFSET_MS, jakartaInstant } from '../calendar';
import type { IsoWeekday } from './policy';

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:mm` time, or undefined when it is not a valid 24-hour time. */
export function parseWallTime(value: unknown): number | undefined {
  const match = typeof value === 'string' ? WALL_TIME.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The instant at `minuteOfDay` (Asia/Jakarta) on the day `days` calendar days after `date`. */
export function jakartaInstantAt(date: IsoDate, days: number, minuteOfDay: number): Instant {
  return jakartaInstant(addDaysToIsoDate(date, days), Math.floor(minuteOfDay / 60), minuteOfDay % 60);
}

/** Weekday and (fractional) minute of day of an instant in Asia/Jakarta. */
export function jakartaWallClock(instant: Instant): { weekday: IsoWeekday; minuteOfDay: number } {
  // The UTC fields of the shifted instant are the WIB wall clock (fixed offset, see JAKARTA_UTC_OFFSET_MS).
  const local = new Date(instant + JAKARTA_UTC_OFFSET_MS);
  return {
    weekday: (((local.getUTCDay() + 6) % 7) + 1) as IsoWeekday,
    minuteOfDay:
      local.getUTCHours() * 60 + local.getUTCMinutes() + (local.getUTCSeconds() * 1000 + local.getUTCMilliseconds()) / 60_000,
  };
}
