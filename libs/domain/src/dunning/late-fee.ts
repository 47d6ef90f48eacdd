import type { Rupiah } from '../money';
import type { LateFeeRule } from './policy';

const BASIS_POINTS_PER_WHOLE = 10_000;

/**
 * The late fee for an invoice, in integer rupiah.
 * - `fixed`: the amount as is.
 * - `percent`: `basisPoints / 10 000` of the invoice total (package price after discount, with PPN, without
 *   earlier fees), rounded half up to the whole rupiah: 2 % of Rp 166.499 = Rp 3.329,98 → Rp 3.330.
 *   Computed in integers, so there is no floating-point drift.
 */
export function computeLateFee(rule: LateFeeRule, invoiceTotal: Rupiah): Rupiah {
  if (!Number.isSafeInteger(invoiceTotal) || invoiceTotal < 0) {
    throw new RangeError(`Invoice total must be a non-negative integer rupiah, got ${invoiceTotal}`);
  }
  if (rule.kind === 'fixed') return rule.amount;
  return Math.floor((invoiceTotal * rule.basisPoints + BASIS_POINTS_PER_WHOLE / 2) / BASIS_POINTS_PER_WHOLE);
}
