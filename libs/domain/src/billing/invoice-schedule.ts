import {
  addDaysToIsoDate,
  addMonthsToPeriodKey,
  isoDate,
  jakartaInstant,
  parsePeriodKey,
  type Instant,
  type IsoDate,
} from '../calendar';
import { DomainError, DomainErrorCode } from '../errors';
import { billingPeriod, nextPeriod, periodContaining, type BillingPeriod } from './billing-period';
import type { BillingDay } from './billing-day';

/**
 * Prepaid: the invoice for period M+1 falls due on the billing day of month M, before its service starts.
 * 004 ("Sistem Pra-Bayar"): on 5 February a customer with billing day 5 is billed for period 2026-03, and
 * `invoices.due_date` is "billingDate bulan ini" — so period `2026-03` (service 5 March – 4 April) is due
 * on 2026-02-05. This is the one place that fixes that one-month advance.
 */
export const PREPAID_ADVANCE_MONTHS = 1;

/** When an invoice is issued relative to its due date, in Asia/Jakarta wall-clock time. */
export interface InvoiceLeadTime {
  /** Calendar days before the due date, 0–27. */
  readonly daysBefore: number;
  /** Hour of day WIB, 0–23. */
  readonly hour: number;
  /** Minute of the hour, 0–59. */
  readonly minute: number;
}

/** H-1 at 06:00 WIB: 004's daily job runs at 06:00 Asia/Jakarta and bills customers whose billing day is tomorrow. */
export const DEFAULT_INVOICE_LEAD_TIME: InvoiceLeadTime = { daysBefore: 1, hour: 6, minute: 0 };

/** Returns `leadTime` when every field is an integer in range; throws `INVALID_LEAD_TIME` otherwise. */
export function assertInvoiceLeadTime(leadTime: InvoiceLeadTime): InvoiceLeadTime {
  const { daysBefore, hour, minute } = leadTime;
  const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 0 && value <= max;
  if (!inRange(daysBefore, 27) || !inRange(hour, 23) || !inRange(minute, 59)) {
    throw new DomainError(DomainErrorCode.InvalidLeadTime, `H-${daysBefore} ${hour}:${minute}`);
  }
  return leadTime;
}

/**
 * The due date of `period`'s invoice: the billing day one month before the period starts
 * (billing day 5, `2026-03` → `2026-02-05`). It is a whole day: a payment any time on it is on time,
 * and the invoice is overdue from 00:00 WIB the next day ({@link overdueAt}).
 */
export function dueDate(period: BillingPeriod): IsoDate {
  const { year, month } = parsePeriodKey(addMonthsToPeriodKey(period.key, -PREPAID_ADVANCE_MONTHS));
  return isoDate(year, month, period.billingDay);
}

/** The first instant at which `period`'s invoice is overdue: 00:00 WIB the day after {@link dueDate}. */
export function overdueAt(period: BillingPeriod): Instant {
  return jakartaInstant(addDaysToIsoDate(dueDate(period), 1));
}

/**
 * When `period`'s invoice is issued: `leadTime.daysBefore` days before {@link dueDate} at
 * `hour:minute` WIB. Default H-1 06:00: billing day 1, `2026-03` → due 2026-02-01, issued
 * 2026-01-31T06:00:00+07:00 (2026-01-30T23:00:00Z).
 */
export function invoiceIssueTime(period: BillingPeriod, leadTime: InvoiceLeadTime = DEFAULT_INVOICE_LEAD_TIME): Instant {
  const { daysBefore, hour, minute } = assertInvoiceLeadTime(leadTime);
  return jakartaInstant(addDaysToIsoDate(dueDate(period), -daysBefore), hour, minute);
}

/**
 * The first period whose invoice is issued at or after `instant` — what a subscription waits for next.
 * Billing day 5, H-1 06:00: at 2026-02-04T05:59 WIB → `2026-03`; at 06:00 exactly → `2026-03`; at 06:01 → `2026-04`.
 */
export function upcomingInvoicePeriod(
  billingDay: BillingDay,
  instant: Instant,
  leadTime: InvoiceLeadTime = DEFAULT_INVOICE_LEAD_TIME,
): BillingPeriod {
  assertInvoiceLeadTime(leadTime);
  // The period in service was invoiced a month before it started, so the answer is always later.
  let candidate = nextPeriod(periodContaining(billingDay, instant));
  while (invoiceIssueTime(candidate, leadTime) < instant) candidate = nextPeriod(candidate);
  return candidate;
}


/**
 * The period whose invoice falls due next after the Asia/Jakarta date of `instant` (on the first billing day after
 * it): what issuing "next period's invoice now" bills. Billing day 5: on 2026-02-04 → `2026-03` (due 2026-02-05, as
 * the H-1 issue that day bills); on 2026-02-05, its due date, → `2026-04` (due 2026-03-05).
 */
export function nextDuePeriod(billingDay: BillingDay, instant: Instant): BillingPeriod {
  return billingPeriod(billingDay, addMonthsToPeriodKey(periodContaining(billingDay, instant).key, 1 + PREPAID_ADVANCE_MONTHS));
}
