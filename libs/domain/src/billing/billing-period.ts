import {
  addDaysToIsoDate,
  addMonthsToPeriodKey,
  assertIsoDate,
  daysBetween,
  formatPeriodKey,
  isoDate,
  jakartaDateOf,
  parsePeriodKey,
  type Instant,
  type IsoDate,
  type PeriodKey,
} from '../calendar';
import { assertBillingDay, type BillingDay } from './billing-day';

/**
 * One month of service. Period `YYYY-MM` runs from the billing day of that month through the day before
 * the billing day of the next month, both in Asia/Jakarta: billing day 5, `2026-03` = 2026-03-05 … 2026-04-04.
 */
export interface BillingPeriod {
  readonly key: PeriodKey;
  readonly billingDay: BillingDay;
  /** First day of service (inclusive). */
  readonly start: IsoDate;
  /** Last day of service (inclusive). */
  readonly end: IsoDate;
  /** Number of days of service, 28–31. */
  readonly days: number;
}

/** The period `key` of a subscription with `billingDay`. */
export function billingPeriod(billingDay: BillingDay, key: PeriodKey): BillingPeriod {
  assertBillingDay(billingDay);
  const start = billingDayIn(key, billingDay);
  const nextStart = billingDayIn(addMonthsToPeriodKey(key, 1), billingDay);
  return { key, billingDay, start, end: addDaysToIsoDate(nextStart, -1), days: daysBetween(start, nextStart) };
}

/** The period whose service days include the Asia/Jakarta date `date`. */
export function periodContainingDate(billingDay: BillingDay, date: IsoDate): BillingPeriod {
  assertBillingDay(billingDay);
  const [year, month, day] = assertIsoDate(date).split('-').map(Number);
  const key = formatPeriodKey({ year, month });
  return billingPeriod(billingDay, day >= billingDay ? key : addMonthsToPeriodKey(key, -1));
}

/** The period in service at `instant` (its date taken in Asia/Jakarta). */
export function periodContaining(billingDay: BillingDay, instant: Instant): BillingPeriod {
  return periodContainingDate(billingDay, jakartaDateOf(instant));
}

/** The period right after `period`: `2026-12` → `2027-01`, same billing day. */
export function nextPeriod(period: BillingPeriod): BillingPeriod {
  return billingPeriod(period.billingDay, addMonthsToPeriodKey(period.key, 1));
}

/** Whether `date` is one of `period`'s service days. */
export function isDateInPeriod(period: BillingPeriod, date: IsoDate): boolean {
  return daysBetween(period.start, date) >= 0 && daysBetween(date, period.end) >= 0;
}

function billingDayIn(key: PeriodKey, billingDay: BillingDay): IsoDate {
  const { year, month } = parsePeriodKey(key);
  return isoDate(year, month, billingDay);
}
