import {
  type BillingDay,
  type BillingPeriod,
  billingPeriod,
  type InvoiceLeadTime,
  nextPeriod,
  periodContainingDate,
  upcomingInvoicePeriod,
} from '../billing';
import { addMonthsToPeriodKey, daysBetween, type Instant, type IsoDate, type PeriodKey } from '../calendar';
import type { Rupiah } from '../money';
import { prorateAmount, prorateChange, type Proration } from './proration';

/**
 * How a mitra bills a new subscription at activation: `prorated` (default) the days of the first period from the
 * activation date, `full_month` the whole first period whatever the day, `none` nothing (installation and the first
 * weeks are paid elsewhere; the first invoice comes from the regular H-1 cycle).
 */
export const ACTIVATION_BILLINGS = ['prorated', 'full_month', 'none'] as const;
export type ActivationBilling = (typeof ACTIVATION_BILLINGS)[number];
export const DEFAULT_ACTIVATION_BILLING: ActivationBilling = 'prorated';

/**
 * The periods an activation invoice bills. Billing is prepaid one period ahead (`dueDate`): the invoice due on the
 * first period's billing day is the one of the period after it, and that day is not after the activation. So the
 * activation invoice bills the first period from the activation date and, in full, each period after it up to the
 * one it is filed under (`period`): the period paid in advance like every customer's, and any whose regular issue
 * time had also passed when it was issued. The regular H-1 cycle takes over with the period after that.
 * Billing day 1, activation 2026-12-20, filed under 2027-01: first 2026-12 (12 of 31 days), advance [2027-01].
 */
export interface ActivationPeriods {
  readonly first: BillingPeriod;
  /** Days of `first` from the activation date through its last day (1 … first.days). */
  readonly firstDays: number;
  /** The periods billed in full, oldest first; the last is the one the invoice is filed under. */
  readonly advance: BillingPeriod[];
}

export function activationPeriods(billingDay: BillingDay, date: IsoDate, filedUnder: PeriodKey): ActivationPeriods {
  const first = periodContainingDate(billingDay, date);
  const advance: BillingPeriod[] = [];
  for (let period = nextPeriod(first); period.key <= filedUnder; period = nextPeriod(period)) advance.push(period);
  return { first, firstDays: daysBetween(date, first.end) + 1, advance };
}

/**
 * The first period the regular H-1 cycle issues after an activation on `date` billed at `now`: two periods after the
 * one in service on the activation date (see {@link ActivationPeriods}), or the next one whose issue time is still to
 * come when that has passed (activation on the last day after the issue hour, or dated back). Billing day 1, H-1
 * 06:00: activation 2026-12-20 at 10:00 → 2027-02 (issued 31 December 06:00); 2026-12-31 at 10:00 → 2027-03.
 */
export function firstScheduledPeriod(billingDay: BillingDay, date: IsoDate, now: Instant, leadTime?: InvoiceLeadTime): BillingPeriod {
  const afterAdvance = nextPeriod(nextPeriod(periodContainingDate(billingDay, date)));
  const upcoming = upcomingInvoicePeriod(billingDay, now, leadTime);
  return upcoming.key > afterAdvance.key ? upcoming : afterAdvance;
}

/** What the first period costs of a monthly `amount`: its days from activation (`prorated`) or all of it (`full_month`). */
export function firstPeriodAmount(amount: Rupiah, periods: ActivationPeriods, billing: Exclude<ActivationBilling, 'none'>): Rupiah {
  return billing === 'full_month' ? amount : prorateAmount(amount, periods.firstDays, periods.first.days);
}

/** The package-change proration of one invoiced period, from the later of the change and the first billed day. */
export interface InvoicedPeriodProration extends Proration {
  readonly period: PeriodKey;
  readonly from: IsoDate;
}

/** A package change on `effectiveDate` of a subscription invoiced from `billedFrom` through period `lastInvoiced`. */
export interface InvoicedPackageChange {
  readonly billingDay: BillingDay;
  readonly effectiveDate: IsoDate;
  /** First service day an invoice covers (the activation date, or the first invoiced period's start). */
  readonly billedFrom: IsoDate;
  readonly lastInvoiced: PeriodKey;
  readonly oldMonthlyAmount: Rupiah;
  readonly newMonthlyAmount: Rupiah;
}

/**
 * Prorates a change over the periods already invoiced at the old price, and only those: each invoiced period that
 * ends on or after the change is credited at the old price and charged at the new one for its days from the change
 * (a period invoiced ahead and not begun yet: all its days). Nothing invoiced from the change on → no lines.
 * Billing day 5, invoiced 2027-04 and 2027-05, 100.000 → 150.000 on 2027-04-20: 2027-04 15 of 30 days (+25.000),
 * 2027-05 all 31 days (+50.000).
 */
export function prorateInvoicedPeriods(change: InvoicedPackageChange): InvoicedPeriodProration[] {
  const prorations: InvoicedPeriodProration[] = [];
  const start = change.effectiveDate > change.billedFrom ? change.effectiveDate : change.billedFrom;
  for (let period = periodContainingDate(change.billingDay, start); period.key <= change.lastInvoiced; period = nextPeriod(period)) {
    const from = start > period.start ? start : period.start;
    prorations.push({ period: period.key, from, ...prorateChange({ ...change, period, effectiveDate: from }) });
  }
  return prorations;
}

/** The first day an invoice of period `key` covers: used when no billed-from date was recorded. */
export function periodStartOf(billingDay: BillingDay, key: PeriodKey, monthsBefore = 0): IsoDate {
  return billingPeriod(billingDay, addMonthsToPeriodKey(key, -monthsBefore)).start;
}
