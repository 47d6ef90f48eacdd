/**
 * A schedule spec compiled for matching: calendars (structured, string and cron forms), intervals,
 * exclusions, start/end bounds, time zone and jitter, with the real server's canonical form for describe
 * (calendar and cron strings become structured calendars, `@every` becomes an interval).
 */
import { durFromMs, msFromDur, msFromTs, temporal } from '../proto';
import { CalendarField, CompiledCalendar, FIELDS, parseField, SpecError, StructuredCalendar } from './calendar';
import { parseCron } from './cron';
import { isValidTimeZone } from './zoned-time';

type ScheduleSpec = temporal.api.schedule.v1.IScheduleSpec;

interface Interval {
  everyMs: number;
  phaseMs: number;
}

export interface SpecTime {
  /** The time the spec names. */
  nominal: number;
  /** The nominal time plus jitter: when the action is taken. */
  actual: number;
}

/** Matches skipped by an exclusion before giving up on finding the next time. */
const MAX_EXCLUDED_IN_A_ROW = 10_000;

function fromCalendarStrings(spec: temporal.api.schedule.v1.ICalendarSpec): StructuredCalendar {
  const structured: StructuredCalendar = { comment: spec.comment ?? '' };
  for (const field of Object.keys(FIELDS) as CalendarField[]) {
    const text = spec[field] ?? '';
    structured[field] = parseField(text || (field === 'year' ? '' : defaultText(field)), field);
  }
  return structured;
}

function defaultText(field: CalendarField): string {
  return field === 'second' || field === 'minute' || field === 'hour' ? '0' : '*';
}

/** FNV-1a: a stable pseudo-random number per (seed, time), so jitter is the same after a restart. */
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class CompiledSpec {
  readonly canonical: ScheduleSpec;
  private readonly calendars: CompiledCalendar[];
  private readonly excludes: CompiledCalendar[];
  private readonly intervals: Interval[];
  private readonly zone: string;
  private readonly startMs: number;
  private readonly endMs: number;
  private readonly jitterMs: number;

  /** Throws {@link SpecError} for an invalid spec. */
  constructor(spec: ScheduleSpec) {
    let zone = spec.timezoneName ?? '';
    const structured = [...(spec.structuredCalendar ?? [])];
    const intervals: Interval[] = (spec.interval ?? []).map((i) => ({ everyMs: msFromDur(i.interval), phaseMs: msFromDur(i.phase) }));
    for (const calendar of spec.calendar ?? []) structured.push(fromCalendarStrings(calendar));
    for (const cron of spec.cronString ?? []) {
      const parsed = parseCron(cron);
      if (parsed.zone) {
        if (zone && zone !== parsed.zone) throw new SpecError('cron string time zone conflicts with timezone_name');
        zone = parsed.zone;
      }
      if (parsed.calendar) structured.push(parsed.calendar);
      if (parsed.interval) intervals.push(parsed.interval);
    }
    const excluded = [...(spec.excludeStructuredCalendar ?? []), ...(spec.excludeCalendar ?? []).map(fromCalendarStrings)];
    for (const i of intervals) {
      if (i.everyMs <= 0) throw new SpecError('interval must be positive');
      if (i.phaseMs < 0 || i.phaseMs >= i.everyMs) throw new SpecError('phase must be non-negative and less than the interval');
    }
    if (!isValidTimeZone(zone)) throw new SpecError(`unknown time zone ${zone}`);
    this.zone = zone;
    this.calendars = structured.map((c) => new CompiledCalendar(c));
    this.excludes = excluded.map((c) => new CompiledCalendar(c));
    this.intervals = intervals;
    this.startMs = msFromTs(spec.startTime);
    this.endMs = spec.endTime ? msFromTs(spec.endTime) : Infinity;
    this.jitterMs = Math.max(0, msFromDur(spec.jitter));
    this.canonical = {
      structuredCalendar: structured,
      interval: intervals.map((i) => ({ interval: durFromMs(i.everyMs), phase: durFromMs(i.phaseMs) })),
      excludeStructuredCalendar: excluded,
      startTime: spec.startTime ?? undefined,
      endTime: spec.endTime ?? undefined,
      jitter: spec.jitter ?? undefined,
      timezoneName: zone,
    };
  }

  /** The first nominal time strictly after `after`, within the start/end bounds and not excluded. */
  nominalAfter(after: number): number | undefined {
    let t = Math.max(after, this.startMs - 1);
    for (let skipped = 0; skipped < MAX_EXCLUDED_IN_A_ROW; skipped++) {
      let best = Infinity;
      for (const c of this.calendars) best = Math.min(best, c.next(t, this.zone) ?? Infinity);
      for (const i of this.intervals) best = Math.min(best, (Math.floor((t - i.phaseMs) / i.everyMs) + 1) * i.everyMs + i.phaseMs);
      if (best === Infinity || best > this.endMs) return undefined;
      if (!this.excludes.some((c) => c.matches(best, this.zone))) return best;
      t = best;
    }
    return undefined;
  }

  /** The next action time after `after`, with jitter (stable per `seed`, never past the following nominal time). */
  next(after: number, seed: string): SpecTime | undefined {
    const nominal = this.nominalAfter(after);
    if (nominal === undefined) return undefined;
    if (this.jitterMs === 0) return { nominal, actual: nominal };
    const following = this.nominalAfter(nominal);
    const limit = Math.min(this.jitterMs, following === undefined ? this.jitterMs : following - nominal);
    return { nominal, actual: nominal + (limit > 0 ? stableHash(`${seed}:${nominal}`) % limit : 0) };
  }

  /** Action times whose nominal time is in (from, to] — at most `limit` of them. */
  between(from: number, to: number, seed: string, limit: number): SpecTime[] {
    const out: SpecTime[] = [];
    for (let t = this.next(from, seed); t && t.nominal <= to && out.length < limit; t = this.next(t.nominal, seed)) out.push(t);
    return out;
  }
}
