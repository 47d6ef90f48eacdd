import { assertNonNegativeRupiah, percentOf, type Rupiah } from '../money';
import type { LateFeeRule } from './policy';

/**
 * The late fee for an invoice, in integer rupiah.
 * - `fixed`: the amount as is.
 * - `percent`: `basisPoints / 10 000` of the invoice total (package price after discount, with PPN, without
 *   earlier fees), rounded half up to the whole rupiah: 2 % of Rp 166.499 = Rp 3.329,98 → Rp 3.330.
 *   Computed exactly in integers (`percentOf`), so there is no floating-point drift.
 * Throws `INVALID_AMOUNT` for a total that is not a whole, non-negative rupiah amount.
 */
export function computeLateFee(rule: LateFeeRule, invoiceTotal: Rupiah): Rupiah {
  assertNonNegativeRupiah(invoiceTotal, 'total tagihan');
  return rule.kind === 'fixed' ? rule.amount : percentOf(invoiceTotal, rule.basisPoints, 'halfUp');
}
