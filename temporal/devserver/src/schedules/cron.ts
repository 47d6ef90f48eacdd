/**
 * Cron strings as the real server reads them in schedule specs (`cron_string`) and on workflow start
 * (`cron_schedule`): 5 fields (minute hour day-of-month month day-of-week), 6 (… year) or 7 (second first);
 * `@yearly` … `@hourly`; `@every <duration>[/<phase>]`; a `CRON_TZ=`/`TZ=` prefix and a `#` comment.
 */
import { CalendarField, parseField, SpecError, StructuredCalendar } from './calendar';

export interface ParsedCron {
  calendar?: StructuredCalendar;
  interval?: { everyMs: number; phaseMs: number };
  zone?: string;
}

const SHORTHANDS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const FIELD_ORDER: Record<number, CalendarField[]> = {
  5: ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'],
  6: ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek', 'year'],
  7: ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek', 'year'],
};

const DURATION_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A Go-style duration ("90s", "1h30m", "2d"). */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new SpecError(`invalid duration "${text}"`);
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * DURATION_UNITS_MS[p[2]], 0));
}

export function parseCron(input: string): ParsedCron {
  let text = input.trim();
  let comment = '';
  const hash = text.indexOf('#');
  if (hash >= 0) {
    comment = text.slice(hash + 1).trim();
    text = text.slice(0, hash).trim();
  }
  let zone: string | undefined;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(text);
  if (tz) [, zone, text] = tz;
  if (text.startsWith('@every')) {
    const [every, phase] = text.slice('@every'.length).trim().split('/');
    const everyMs = parseDuration(every.trim());
    if (everyMs <= 0) throw new SpecError(`invalid cron string "${input}"`);
    return { interval: { everyMs, phaseMs: phase ? parseDuration(phase.trim()) : 0 }, zone };
  }
  const fields = (SHORTHANDS[text.toLowerCase()] ?? text).split(/\s+/).filter(Boolean);
  const order = FIELD_ORDER[fields.length];
  if (!order) throw new SpecError(`invalid cron string "${input}": expected 5, 6 or 7 fields`);
  const calendar: StructuredCalendar = { second: parseField('0', 'second'), comment };
  order.forEach((field, i) => (calendar[field] = parseField(fields[i], field)));
  return { calendar, zone };
}
