import { DomainErrorCode } from '../errors';
import { computeInvoiceTotals } from './invoice-totals';

const inclusive = { rateBasisPoints: 1_100, pricesIncludePpn: true };

describe(computeInvoiceTotals.name, () => {
  describe('with PPN-exclusive prices (default)', () => {
    it('adds 11 % PPN on the discounted subtotal (seed: Paket 50 Mbps with Rp 10.000 discount)', () => {
      expect(computeInvoiceTotals({ lineAmounts: [250_000], discount: 10_000 })).toEqual({
        subtotal: 250_000,
        discount: 10_000,
        dpp: 240_000,
        ppn: 26_400,
        total: 266_400,
      });
    });

    it('treats a missing discount as 0', () => {
      expect(computeInvoiceTotals({ lineAmounts: [100_000] })).toEqual({
        subtotal: 100_000,
        discount: 0,
        dpp: 100_000,
        ppn: 11_000,
        total: 111_000,
      });
    });

    it('rounds the PPN down on the whole DPP, not per line', () => {
      // lines after a 100.000 → 150.000 change on the last day of a 28-day period: 150.000 + 5.357 − 3.571
      const totals = computeInvoiceTotals({ lineAmounts: [150_000, 5_357, -3_571] });
      expect(totals).toEqual({ subtotal: 151_786, discount: 0, dpp: 151_786, ppn: 16_696, total: 168_482 });
    });

    it('charges no PPN at rate 0', () => {
      const totals = computeInvoiceTotals({ lineAmounts: [150_000] }, { rateBasisPoints: 0, pricesIncludePpn: false });
      expect(totals).toMatchObject({ dpp: 150_000, ppn: 0, total: 150_000 });
    });

    it('allows a discount equal to the subtotal', () => {
      expect(computeInvoiceTotals({ lineAmounts: [100_000], discount: 100_000 })).toMatchObject({ dpp: 0, ppn: 0, total: 0 });
    });
  });

  describe('with PPN-inclusive prices', () => {
    it('carves PPN out of the discounted price, keeping the price as the total', () => {
      expect(computeInvoiceTotals({ lineAmounts: [160_000], discount: 10_000 }, inclusive)).toEqual({
        subtotal: 160_000,
        discount: 10_000,
        dpp: 135_136,
        ppn: 14_864,
        total: 150_000,
      });
    });
  });

  describe('per mitra setting', () => {
    // Rp 150.000 of items less Rp 10.000 discount, at each rate a mitra may set, exclusive and inclusive.
    it.each([
      [0, false, { dpp: 140_000, ppn: 0, total: 140_000 }],
      [1_100, false, { dpp: 140_000, ppn: 15_400, total: 155_400 }],
      [1_200, false, { dpp: 140_000, ppn: 16_800, total: 156_800 }],
      [0, true, { dpp: 140_000, ppn: 0, total: 140_000 }],
      [1_100, true, { dpp: 126_127, ppn: 13_873, total: 140_000 }], // 126.126,13 → DPP up
      [1_200, true, { dpp: 125_000, ppn: 15_000, total: 140_000 }], // exact
    ])('at %i bp, prices include PPN %p: %o', (rateBasisPoints, pricesIncludePpn, expected) => {
      const totals = computeInvoiceTotals({ lineAmounts: [150_000], discount: 10_000 }, { rateBasisPoints, pricesIncludePpn });
      expect(totals).toEqual({ subtotal: 150_000, discount: 10_000, ...expected });
    });

    it('rounds 12 % PPN down on an exclusive DPP of Rp 15.766: 1.891,92 → 1.891', () => {
      expect(computeInvoiceTotals({ lineAmounts: [15_766] }, { rateBasisPoints: 1_200, pricesIncludePpn: false })).toMatchObject({
        ppn: 1_891,
        total: 17_657,
      });
    });
  });

  describe('refusals', () => {
    it('refuses a discount above the subtotal', () => {
      expect(() => computeInvoiceTotals({ lineAmounts: [100_000], discount: 100_001 })).toThrow(
        expect.objectContaining({ code: DomainErrorCode.DiscountExceedsSubtotal, detail: 'diskon Rp 100.001, subtotal Rp 100.000' }),
      );
    });

    it('refuses credits that make the subtotal negative', () => {
      expect(() => computeInvoiceTotals({ lineAmounts: [10_000, -20_000] })).toThrow(
        expect.objectContaining({ code: DomainErrorCode.DiscountExceedsSubtotal }),
      );
    });

    it('refuses a negative or fractional discount, a fractional line and a bad rate', () => {
      const invalidAmount = expect.objectContaining({ code: DomainErrorCode.InvalidAmount });
      expect(() => computeInvoiceTotals({ lineAmounts: [100_000], discount: -1 })).toThrow(invalidAmount);
      expect(() => computeInvoiceTotals({ lineAmounts: [100_000], discount: 0.5 })).toThrow(invalidAmount);
      expect(() => computeInvoiceTotals({ lineAmounts: [100_000.5] })).toThrow(invalidAmount);
      expect(() => computeInvoiceTotals({ lineAmounts: [1] }, { rateBasisPoints: -1, pricesIncludePpn: false })).toThrow(
        expect.objectContaining({ code: DomainErrorCode.InvalidRate }),
      );
    });
  });
});
