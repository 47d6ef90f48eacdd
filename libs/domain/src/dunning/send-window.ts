import { type Instant, jakartaDateOf } from '../calendar';
import { jakartaInstantAt, jakartaWallClock, parseWallTime } from './wall-clock';
import type { SendWindow } from './policy';

function windowMinutes(window: SendWindow): { start: number; end: number } {
  const start = parseWallTime(window.start);
  const end = parseWallTime(window.end);
  if (start === undefined || end === undefined || start >= end || window.days.length === 0) {
    throw new RangeError(`Invalid send window ${JSON.stringify(window)}; validate the policy first`);
  }
  return { start, end };
}

/** Whether the send window is open at `instant` (start inclusive, end exclusive). */
export function isWithinSendWindow(instant: Instant, window: SendWindow): boolean {
  const { start, end } = windowMinutes(window);
  const { weekday, minuteOfDay } = jakartaWallClock(instant);
  return window.days.includes(weekday) && minuteOfDay >= start && minuteOfDay < end;
}

/**
 * The earliest instant at or after `instant` at which the send window is open: `instant` itself when the
 * window is open, else the next opening (e.g. Saturday 20:00 WIB → Monday 08:00 WIB by default).
 */
export function nextSendWindowOpening(instant: Instant, window: SendWindow): Instant {
  if (isWithinSendWindow(instant, window)) return instant;
  const { start } = windowMinutes(window);
  const { weekday, minuteOfDay } = jakartaWallClock(instant);
  const firstDay = minuteOfDay < start ? 0 : 1;
  for (let days = firstDay; days <= 7; days++) {
    const candidateWeekday = (((weekday - 1 + days) % 7) + 1) as SendWindow['days'][number];
    if (window.days.includes(candidateWeekday)) return jakartaInstantAt(jakartaDateOf(instant), days, start);
  }
  throw new RangeError('unreachable: a non-empty week always has an opening');
}
