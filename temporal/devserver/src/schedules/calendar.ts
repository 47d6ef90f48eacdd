/**
 * Calendar specs: structured ranges (`StructuredCalendarSpec`), their string form (`CalendarSpec`, cron
 * fields) and matching in a time zone, with the real server's defaults (second, minute and hour 0; day of
 * month, month, year and day of week any).
 */
import { temporal } from '../proto';
import { daysInMonth, instantOf, wallTime, weekdayOf } from './zoned-time';

type Range = temporal.api.schedule.v1.IRange;
export type StructuredCalendar = temporal.api.schedule.v1.IStructuredCalendarSpec;

/** Bad spec input; the service answers INVALID_ARGUMENT with the message. */
export class SpecError extends Error {}

export type CalendarField = 'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'year' | 'dayOfWeek';

interface FieldBounds {
  min: number;
  max: number;
  /** Used when the field is empty. */
  fallback: Range[];
  names?: string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export const FIELDS: Record<CalendarField, FieldBounds> = {
  second: { min: 0, max: 59, fallback: [{ start: 0, end: 0, step: 1 }] },
  minute: { min: 0, max: 59, fallback: [{ start: 0, end: 0, step: 1 }] },
  hour: { min: 0, max: 23, fallback: [{ start: 0, end: 0, step: 1 }] },
  dayOfMonth: { min: 1, max: 31, fallback: [{ start: 1, end: 31, step: 1 }] },
  month: { min: 1, max: 12, fallback: [{ start: 1, end: 12, step: 1 }], names: MONTH_NAMES },
  year: { min: 1970, max: 9999, fallback: [] },
  dayOfWeek: { min: 0, max: 7, fallback: [{ start: 0, end: 6, step: 1 }], names: DAY_NAMES },
};

/** How far ahead a calendar is searched for its next match. */
const MAX_YEARS_AHEAD = 100;

function parseValue(text: string, field: CalendarField): number {
  const bounds = FIELDS[field];
  const lower = text.toLowerCase();
  const named = bounds.names?.findIndex((n) => lower.startsWith(n) && n.length >= 3) ?? -1;
  const value = named >= 0 ? named + (field === 'month' ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) throw new SpecError(`invalid ${field} value "${text}"`);
  return value;
}

/** One calendar field in string form ("*", "1-5", "*\/15", "mon-fri", "1,15") as ranges. */
export function parseField(text: string, field: CalendarField): Range[] {
  const bounds = FIELDS[field];
  const trimmed = text.trim();
  if (trimmed === '') return bounds.fallback;
  if (trimmed === '*' && field === 'year') return [];
  return trimmed.split(',').map((part) => {
    const [body, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new SpecError(`invalid step in ${field} "${part}"`);
    if (body === '*' || body === '?') {
      const max = field === 'dayOfWeek' ? 6 : field === 'year' ? 2099 : bounds.max;
      return { start: bounds.min, end: max, step };
    }
    const [startText, endText] = body.split('-');
    const start = parseValue(startText, field);
    const end = endText !== undefined ? parseValue(endText, field) : stepText !== undefined ? bounds.max : start;
    if (end < start) throw new SpecError(`invalid range in ${field} "${part}"`);
    return { start, end, step };
  });
}

/** Validates structured ranges (start within bounds, end ≥ start or unset, step ≥ 0). */
export function checkRanges(ranges: Range[], field: CalendarField): void {
  const { min, max } = FIELDS[field];
  for (const r of ranges) {
    const start = r.start ?? 0;
    const end = r.end ?? 0;
    if (start < min || start > max || (end !== 0 && (end < min || end > max)) || (r.step ?? 0) < 0) {
      throw new SpecError(`invalid ${field} range ${start}-${end}/${r.step ?? 0}`);
    }
  }
}

function expand(ranges: Range[], size: number, wrapSevenToZero = false): boolean[] {
  const set = new Array<boolean>(size).fill(false);
  for (const r of ranges) {
    const start = r.start ?? 0;
    const end = Math.max(r.end ?? 0, start);
    const step = Math.max(r.step ?? 0, 1);
    for (let v = start; v <= end; v += step) {
      if (v < size) set[v] = true;
      else if (wrapSevenToZero && v === 7) set[0] = true;
    }
  }
  return set;
}

function values(set: boolean[]): number[] {
  return set.flatMap((on, v) => (on ? [v] : []));
}

function rangesOf(spec: StructuredCalendar, field: CalendarField): Range[] {
  const ranges = spec[field] ?? [];
  return ranges.length > 0 ? ranges : FIELDS[field].fallback;
}

/** A structured calendar compiled to value sets. */
export class CompiledCalendar {
  private readonly seconds: number[];
  private readonly minutes: number[];
  private readonly hours: number[];
  private readonly secondSet: boolean[];
  private readonly minuteSet: boolean[];
  private readonly hourSet: boolean[];
  private readonly dom: boolean[];
  private readonly month: boolean[];
  private readonly dow: boolean[];
  private readonly years: Range[];

  constructor(spec: StructuredCalendar) {
    for (const field of Object.keys(FIELDS) as CalendarField[]) checkRanges(spec[field] ?? [], field);
    this.secondSet = expand(rangesOf(spec, 'second'), 60);
    this.minuteSet = expand(rangesOf(spec, 'minute'), 60);
    this.hourSet = expand(rangesOf(spec, 'hour'), 24);
    this.seconds = values(this.secondSet);
    this.minutes = values(this.minuteSet);
    this.hours = values(this.hourSet);
    this.dom = expand(rangesOf(spec, 'dayOfMonth'), 32);
    this.month = expand(rangesOf(spec, 'month'), 13);
    this.dow = expand(rangesOf(spec, 'dayOfWeek'), 7, true);
    this.years = spec.year ?? [];
  }

  private yearMatches(year: number): boolean {
    if (this.years.length === 0) return true;
    return this.years.some((r) => {
      const start = r.start ?? 0;
      const end = Math.max(r.end ?? 0, start);
      return year >= start && year <= end && (year - start) % Math.max(r.step ?? 0, 1) === 0;
    });
  }

  private dateMatches(year: number, month: number, day: number): boolean {
    return this.yearMatches(year) && this.month[month] && this.dom[day] && this.dow[weekdayOf(year, month, day)];
  }

  /** True when the wall time of `ms` in `zone` matches every field. */
  matches(ms: number, zone: string): boolean {
    const w = wallTime(ms, zone);
    return this.dateMatches(w.year, w.month, w.day) && this.hourSet[w.hour] && this.minuteSet[w.minute] && this.secondSet[w.second];
  }

  /** The first matching instant strictly after `after` (whole seconds), or undefined within the search horizon. */
  next(after: number, zone: string): number | undefined {
    const from = Math.floor(after / 1000) * 1000 + 1000;
    const w = wallTime(from, zone);
    for (let y = w.year; y <= w.year + MAX_YEARS_AHEAD; y++) {
      if (!this.yearMatches(y)) continue;
      for (let m = y === w.year ? w.month : 1; m <= 12; m++) {
        if (!this.month[m]) continue;
        const sameMonth = y === w.year && m === w.month;
        for (let d = sameMonth ? w.day : 1, last = daysInMonth(y, m); d <= last; d++) {
          if (!this.dom[d] || !this.dow[weekdayOf(y, m, d)]) continue;
          const found = this.nextInDay(y, m, d, sameMonth && d === w.day ? w : undefined, from, zone);
          if (found !== undefined) return found;
        }
      }
    }
    return undefined;
  }

  private nextInDay(y: number, m: number, d: number, start: { hour: number; minute: number; second: number } | undefined, from: number, zone: string): number | undefined {
    for (const h of this.hours) {
      if (start && h < start.hour) continue;
      const sameHour = start !== undefined && h === start.hour;
      for (const mi of this.minutes) {
        if (sameHour && mi < start.minute) continue;
        const sameMinute = sameHour && mi === start.minute;
        for (const s of this.seconds) {
          if (sameMinute && s < start.second) continue;
          const t = instantOf(y, m, d, h, mi, s, zone);
          if (t >= from) return t;
        }
      }
    }
    return undefined;
  }
}
