import { durFromMs, tsFromMs } from '../proto';
import { SpecError } from './calendar';
import { parseCron } from './cron';
import { CompiledSpec } from './schedule-spec';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe(CompiledSpec.name, () => {
  it('matches a structured calendar in Asia/Jakarta (UTC+7)', () => {
    const spec = new CompiledSpec({
      structuredCalendar: [{ hour: [{ start: 9 }], minute: [{ start: 30 }] }],
      timezoneName: 'Asia/Jakarta',
    });
    expect(iso(spec.nominalAfter(at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T02:30:00.000Z');
    expect(iso(spec.nominalAfter(at('2026-01-01T02:30:00Z')))).toBe('2026-01-02T02:30:00.000Z');
  });

  it('compiles cron strings (time zone prefix, names, comment) into structured calendars', () => {
    const spec = new CompiledSpec({ cronString: ['CRON_TZ=Asia/Jakarta 0 8 * * MON-FRI # weekday mornings'] });
    expect(spec.canonical.timezoneName).toBe('Asia/Jakarta');
    expect(spec.canonical.structuredCalendar).toEqual([
      expect.objectContaining({ hour: [{ start: 8, end: 8, step: 1 }], dayOfWeek: [{ start: 1, end: 5, step: 1 }], comment: 'weekday mornings' }),
    ]);
    // Saturday 3 January 2026 → Monday 5 January, 08:00 in Jakarta.
    expect(iso(spec.nominalAfter(at('2026-01-03T00:00:00Z')))).toBe('2026-01-05T01:00:00.000Z');
  });

  it('reads calendar strings, 7-field crons and @every with a phase', () => {
    const calendar = new CompiledSpec({ calendar: [{ dayOfMonth: '1,15', hour: '6' }] });
    expect(iso(calendar.nominalAfter(at('2026-02-02T00:00:00Z')))).toBe('2026-02-15T06:00:00.000Z');
    const seconds = new CompiledSpec({ cronString: ['*/20 * * * * * *'] });
    expect(iso(seconds.nominalAfter(at('2026-02-02T00:00:05Z')))).toBe('2026-02-02T00:00:20.000Z');
    expect(parseCron('@every 90m/30m')).toEqual({ interval: { everyMs: 90 * 60_000, phaseMs: 30 * 60_000 }, zone: undefined });
  });

  it('steps intervals from the epoch plus phase, skips excluded times and honours start and end', () => {
    const spec = new CompiledSpec({
      interval: [{ interval: durFromMs(HOUR), phase: durFromMs(15 * 60_000) }],
      excludeStructuredCalendar: [{ hour: [{ start: 3 }], minute: [{ start: 15 }], second: [{ start: 0 }] }],
      startTime: tsFromMs(at('2026-01-01T02:00:00Z')),
      endTime: tsFromMs(at('2026-01-01T05:00:00Z')),
    });
    const times = spec.between(at('2026-01-01T00:00:00Z'), Infinity, 's', 10).map((t) => iso(t.nominal));
    expect(times).toEqual(['2026-01-01T02:15:00.000Z', '2026-01-01T04:15:00.000Z']);
  });

  it('adds jitter below the limit, the same for the same time and seed', () => {
    const spec = new CompiledSpec({ interval: [{ interval: durFromMs(60_000) }], jitter: durFromMs(30_000) });
    const times = spec.between(at('2026-01-01T00:00:00Z'), at('2026-01-01T01:00:00Z'), 'jittered', 100);
    expect(times).toHaveLength(60);
    for (const t of times) expect(t.actual - t.nominal).toBeLessThan(30_000);
    expect(new Set(times.map((t) => t.actual - t.nominal)).size).toBeGreaterThan(1);
    expect(spec.between(at('2026-01-01T00:00:00Z'), at('2026-01-01T01:00:00Z'), 'jittered', 100)).toEqual(times);
  });

  it('rejects unknown time zones, bad cron strings, bad ranges and non-positive intervals', () => {
    expect(() => new CompiledSpec({ timezoneName: 'Mars/Olympus' })).toThrow(SpecError);
    expect(() => new CompiledSpec({ cronString: ['61 * * * *'] })).toThrow(SpecError);
    expect(() => new CompiledSpec({ cronString: ['* * *'] })).toThrow(SpecError);
    expect(() => new CompiledSpec({ structuredCalendar: [{ hour: [{ start: 24 }] }] })).toThrow(SpecError);
    expect(() => new CompiledSpec({ interval: [{ interval: durFromMs(0) }] })).toThrow(SpecError);
  });
});
