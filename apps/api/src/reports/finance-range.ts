import { BadRequestException } from '@nestjs/common';
import { addDaysToIsoDate, addMonthsToPeriodKey, daysBetween, isIsoDate, jakartaDateOf, jakartaInstant, type IsoDate } from '@lunas/domain';

/** A range of whole Jakarta days, `from` and `to` inclusive; `start`/`end` are the instants bounding it (end exclusive). */
export interface JakartaRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly start: Date;
  readonly end: Date;
}

/** Longest range a report or an export may cover: five years. */
const MAX_RANGE_DAYS = 5 * 366;

export function jakartaRange(from: IsoDate, to: IsoDate): JakartaRange {
  return { from, to, start: new Date(jakartaInstant(from)), end: new Date(jakartaInstant(addDaysToIsoDate(to, 1))) };
}

/** Number of days in the range. */
export function rangeDays(range: JakartaRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/** Today in Asia/Jakarta. */
export function jakartaToday(now: Date = new Date()): IsoDate {
  return jakartaDateOf(now.getTime());
}

/**
 * The dashboard's period for an as-of date: its month from the 1st to the as-of date, and the previous month from
 * the 1st to the same day (clamped to that month's last day), so that both cover the same number of days or fewer.
 */
export function monthToDate(asOf: IsoDate): { current: JakartaRange; previous: JakartaRange } {
  const [year, month, day] = asOf.split('-').map(Number);
  const previousMonthStart = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  const previousMonthEnd = addDaysToIsoDate(`${asOf.slice(0, 7)}-01`, -1);
  const previousDay = Math.min(day, Number(previousMonthEnd.slice(8)));
  return {
    current: jakartaRange(`${asOf.slice(0, 7)}-01`, asOf),
    previous: jakartaRange(previousMonthStart, `${previousMonthStart.slice(0, 8)}${String(previousDay).padStart(2, '0')}`),
  };
}

/** The period of as many days ending the day before `range` starts: the dashboard's comparison for a chosen period. */
export function periodBefore(range: JakartaRange): JakartaRange {
  const to = addDaysToIsoDate(range.from, -1);
  return jakartaRange(addDaysToIsoDate(to, 1 - rangeDays(range)), to);
}

/** The whole month `YYYY-MM` as a range. */
export function monthRange(month: string): JakartaRange {
  return jakartaRange(`${month}-01`, addDaysToIsoDate(`${addMonthsToPeriodKey(month, 1)}-01`, -1));
}

/** Reads `from`/`to` query values: valid dates, `from` ≤ `to`, at most five years apart; 400 in Indonesian otherwise. */
export function parseRange(from: string | undefined, to: string | undefined, defaults: { from: IsoDate; to: IsoDate }): JakartaRange {
  const first = from ?? defaults.from;
  const last = to ?? defaults.to;
  for (const [name, value] of [['from', first], ['to', last]] as const) {
    if (!isIsoDate(value)) throw new BadRequestException(`Parameter "${name}" harus tanggal YYYY-MM-DD yang valid.`);
  }
  if (first > last) throw new BadRequestException('Tanggal mulai harus sebelum atau sama dengan tanggal akhir.');
  if (daysBetween(first, last) >= MAX_RANGE_DAYS) throw new BadRequestException('Rentang tanggal paling panjang 5 tahun.');
  return jakartaRange(first, last);
}

/** `x / y × 100` with one decimal, 0 when `y` is 0. */
export function percent(x: number, y: number): number {
  return y === 0 ? 0 : Math.round((x / y) * 1000) / 10;
}
