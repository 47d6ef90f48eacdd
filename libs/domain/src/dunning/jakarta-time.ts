import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay, startOfDay } from 'date-fns';
import type { IsoWeekday } from './policy';

/** Epoch milliseconds. Time always comes in as an argument (workflow time), never from the clock. */
export type Instant = number;

const JAKARTA = 'Asia/Jakarta';
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after midnight of an `HH:mm` time, or undefined when it is not a valid 24-hour time. */
export function parseWallTime(value: unknown): number | undefined {
  const match = typeof value === 'string' ? WALL_TIME.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new TZDate(year, month - 1, day, JAKARTA);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

/** The instant at `time` (Asia/Jakarta) on the day `dayOffset` calendar days after the ISO date `date`. */
export function jakartaInstant(date: string, dayOffset: number, minuteOfDay: number): Instant {
  const [year, month, day] = date.split('-').map(Number);
  return new TZDate(year, month - 1, day + dayOffset, 0, minuteOfDay, JAKARTA).getTime();
}

/** Weekday and (fractional) minute of day of an instant in Asia/Jakarta. */
export function jakartaWallClock(instant: Instant): { weekday: IsoWeekday; minuteOfDay: number } {
  const local = new TZDate(instant, JAKARTA);
  return {
    weekday: getISODay(local) as IsoWeekday,
    minuteOfDay: local.getHours() * 60 + local.getMinutes() + (local.getSeconds() * 1000 + local.getMilliseconds()) / 60_000,
  };
}

/** Midnight (Asia/Jakarta) `days` calendar days after the day containing `instant`. */
export function jakartaMidnight(instant: Instant, days: number): Instant {
  return addDays(startOfDay(new TZDate(instant, JAKARTA)), days).getTime();
}

/** The ISO date (Asia/Jakarta) of an instant. */
export function jakartaDate(instant: Instant): string {
  return format(new TZDate(instant, JAKARTA), 'yyyy-MM-dd');
}
