import { isDateInPeriod, type BillingPeriod } from '../billing';
import { daysBetween, type IsoDate } from '../calendar';
import { DomainError, DomainErrorCode } from '../errors';
import { assertNonNegativeRupiah, multiplyByFraction, type Rupiah } from '../money';

/**
 * `amount` for `days` of a period of `daysInPeriod` days: `amount × days ÷ daysInPeriod`, rounded
 * half up to whole rupiah (nearest rupiah, 0,5 up). Example: 150.000 for 14 of 28 days → 75.000;
 * 100.000 for 10 of 31 days → 32.258 (32.258,06).
 */
export function prorateAmount(amount: Rupiah, days: number, daysInPeriod: number): Rupiah {
  assertNonNegativeRupiah(amount);
  if (!Number.isInteger(daysInPeriod) || daysInPeriod < 1 || !Number.isInteger(days) || days < 0 || days > daysInPeriod) {
    throw new DomainError(DomainErrorCode.DateOutsidePeriod, `${days} dari ${daysInPeriod} hari`);
  }
  return multiplyByFraction(amount, days, daysInPeriod, 'halfUp');
}

/** A package change within a period. Amounts are monthly prices in the invoice's price terms. */
export interface PackageChange {
  readonly period: BillingPeriod;
  /** First day (Asia/Jakarta) on which the new package is in service; must lie in `period`. */
  readonly effectiveDate: IsoDate;
  readonly oldMonthlyAmount: Rupiah;
  readonly newMonthlyAmount: Rupiah;
}

/** Result of {@link prorateChange}; a positive `net` is owed by the customer, a negative one is credited. */
export interface Proration {
  readonly daysInPeriod: number;
  /** Days from `effectiveDate` through the period's last day, inclusive (1 … daysInPeriod). */
  readonly remainingDays: number;
  /** Refund for the old package's unused days (a positive amount to credit). */
  readonly credit: Rupiah;
  /** Charge for the new package's remaining days. */
  readonly charge: Rupiah;
  /** `charge − credit`. */
  readonly net: Rupiah;
}

/**
 * Day-based proration of a mid-period package change in a prepaid period that was billed in full for
 * the old package: credit the old package's remaining days, charge the new package's remaining days,
 * each rounded separately with {@link prorateAmount} (so an unchanged price always nets to 0).
 * Billing day 5, period 2026-02 (28 days), 100.000 → 150.000:
 * effective 2026-02-05 (first day) → credit 100.000, charge 150.000, net 50.000;
 * 2026-02-19 (middle, 14 days left) → credit 50.000, charge 75.000, net 25.000;
 * 2026-03-04 (last day, 1 day left) → credit 3.571, charge 5.357, net 1.786.
 * Throws `DATE_OUTSIDE_PERIOD` when `effectiveDate` is not a day of the period.
 */
export function prorateChange(change: PackageChange): Proration {
  const { period, effectiveDate } = change;
  if (!isDateInPeriod(period, effectiveDate)) {
    throw new DomainError(DomainErrorCode.DateOutsidePeriod, `${effectiveDate} (periode ${period.start} – ${period.end})`);
  }
  const remainingDays = daysBetween(effectiveDate, period.end) + 1;
  const credit = prorateAmount(change.oldMonthlyAmount, remainingDays, period.days);
  const charge = prorateAmount(change.newMonthlyAmount, remainingDays, period.days);
  return { daysInPeriod: period.days, remainingDays, credit, charge, net: charge - credit };
}
