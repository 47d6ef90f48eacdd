import { type BillingDay, type BillingPeriod, billingPeriod, nextPeriod, periodContainingDate } from '../billing';
import { addMonthsToPeriodKey, daysBetween, type IsoDate, type PeriodKey } from '../calendar';
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
 * The periods an activation on `date` concerns. Billing is prepaid one period ahead (`dueDate`): the invoice due on
 * the first period's billing day is the one of the period after it, and that day is not after the activation. So the
 * activation invoice bills the first period from the activation date and the next period in full (paid in advance,
 * like every customer's), and the regular H-1 cycle takes over with the period after that.
 * Billing day 1, activation 2026-12-20: first 2026-12 (1–31 Dec, 12 of 31 days billed), advance 2027-01,
 * first scheduled 2027-02 (issued 31 Dec 06:00 WIB, due 1 Jan).
 */
export interface ActivationPeriods {
  readonly first: BillingPeriod;
  /** Days of `first` from the activation date through its last day (1 … first.days). */
  readonly firstDays: number;
  /** The period the activation invoice is filed under (its `period`), billed in full. */
  readonly advance: BillingPeriod;
  /** The first period the regular H-1 cycle issues. */
  readonly firstScheduled: BillingPeriod;
}

export function activationPeriods(billingDay: BillingDay, date: IsoDate): ActivationPeriods {
  const first = periodContainingDate(billingDay, date);
  const advance = nextPeriod(first);
  return { first, firstDays: daysBetween(date, first.end) + 1, advance, firstScheduled: nextPeriod(advance) };
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
