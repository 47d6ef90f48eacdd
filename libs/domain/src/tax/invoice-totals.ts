import { DomainError, DomainErrorCode } from '../errors';
import { assertNonNegativeRupiah, formatRupiah, sumRupiah, type Rupiah } from '../money';
import { assertPpnConfig, DEFAULT_PPN_CONFIG, ppnOf, splitInclusivePpn, type PpnConfig } from './ppn';

/** What an invoice is computed from. */
export interface InvoiceTotalsInput {
  /** Item amounts in price terms (package price, proration charge, negative proration credit, late fee, …). */
  readonly lineAmounts: readonly Rupiah[];
  /** Discount snapshot taken when the invoice is generated (004: later discount changes never touch it). */
  readonly discount?: Rupiah;
}

/** The invoice breakdown stored with an invoice and printed on it; all whole rupiah. */
export interface InvoiceTotals {
  /** Sum of the item amounts, in price terms (PPN-inclusive when prices include PPN). */
  readonly subtotal: Rupiah;
  /** Discount in price terms. */
  readonly discount: Rupiah;
  /** Taxable base (DPP). */
  readonly dpp: Rupiah;
  /** PPN on the DPP. */
  readonly ppn: Rupiah;
  /** What the customer pays: `dpp + ppn`. */
  readonly total: Rupiah;
}

/**
 * subtotal → discount → DPP → PPN → total.
 * - PPN-exclusive prices (default): `DPP = subtotal − discount`, `PPN = ppnOf(DPP)` (rounded down),
 *   `total = DPP + PPN`. Seed example: Paket 50 Mbps 250.000 − diskon 10.000 → DPP 240.000,
 *   PPN 26.400, total 266.400.
 * - PPN-inclusive prices: `total = subtotal − discount`, split by `splitInclusivePpn`.
 * With rate 0 the DPP is the total and PPN is 0.
 * Throws `INVALID_AMOUNT` for a non-integer line or discount and `DISCOUNT_EXCEEDS_SUBTOTAL` when the
 * discount (or credits) would make the invoice negative — settle that with a credit note instead.
 */
export function computeInvoiceTotals(input: InvoiceTotalsInput, config: PpnConfig = DEFAULT_PPN_CONFIG): InvoiceTotals {
  assertPpnConfig(config);
  const subtotal = sumRupiah(input.lineAmounts);
  const discount = assertNonNegativeRupiah(input.discount ?? 0, 'diskon');
  const net = subtotal - discount;
  if (net < 0) {
    throw new DomainError(
      DomainErrorCode.DiscountExceedsSubtotal,
      `diskon ${formatRupiah(discount)}, subtotal ${formatRupiah(subtotal)}`,
    );
  }
  if (config.pricesIncludePpn) {
    const { dpp, ppn } = splitInclusivePpn(net, config.rateBasisPoints);
    return { subtotal, discount, dpp, ppn, total: net };
  }
  const ppn = ppnOf(net, config.rateBasisPoints);
  return { subtotal, discount, dpp: net, ppn, total: net + ppn };
}
