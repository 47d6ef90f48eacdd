/**
 * Wall-clock time in an IANA time zone (the tz database through `Intl`), for calendar specs and cron.
 */

export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` names a time zone the tz database knows ('' and 'UTC' included). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone) return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time at `ms` in `zone` ('' = UTC). */
export function wallTime(ms: number, zone: string): WallTime {
  if (!zone || zone === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday] ?? 0,
  };
}

function offsetAt(ms: number, zone: string): number {
  const w = wallTime(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant of a wall time in `zone` (the earlier one when a clock change repeats it). */
export function instantOf(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!zone || zone === 'UTC') return asUtc;
  const first = asUtc - offsetAt(asUtc, zone);
  const second2 = asUtc - offsetAt(first, zone);
  return Math.min(first, second2);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Weekday (0 = Sunday) of a calendar date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
