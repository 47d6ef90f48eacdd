import { billingPeriod } from '../billing';
import { DomainErrorCode } from '../errors';
import { prorateAmount, prorateChange } from './proration';

describe(prorateAmount.name, () => {
  it.each([
    [150_000, 14, 28, 75_000], // exact half
    [100_000, 10, 31, 32_258], // 32.258,06 → down
    [100_000, 1, 28, 3_571], // 3.571,43 → down
    [150_000, 1, 28, 5_357], // 5.357,14 → down
    [100_000, 27, 28, 96_429], // 96.428,57 → up
    [1, 1, 2, 1], // 0,5 → up
    [100_000, 28, 28, 100_000],
    [100_000, 0, 28, 0],
  ])('is %i for %i of %i days → %i', (amount, days, daysInPeriod, result) => {
    expect(prorateAmount(amount, days, daysInPeriod)).toBe(result);
  });

  it('refuses days outside the period and a negative or fractional amount', () => {
    const outside = expect.objectContaining({ code: DomainErrorCode.DateOutsidePeriod });
    expect(() => prorateAmount(100_000, 29, 28)).toThrow(outside);
    expect(() => prorateAmount(100_000, -1, 28)).toThrow(outside);
    expect(() => prorateAmount(100_000, 1.5, 28)).toThrow(outside);
    expect(() => prorateAmount(100_000, 0, 0)).toThrow(outside);
    expect(() => prorateAmount(-1, 1, 28)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidAmount }));
  });
});

describe(prorateChange.name, () => {
  // Billing day 5, period 2026-02: 5 February – 4 March 2026, 28 days, billed in full for Paket 10 Mbps (100.000).
  const february = billingPeriod(5, '2026-02');
  const upgrade = { period: february, oldMonthlyAmount: 100_000, newMonthlyAmount: 150_000 };

  it('swaps the whole month when the change takes effect on the first day', () => {
    expect(prorateChange({ ...upgrade, effectiveDate: '2026-02-05' })).toEqual({
      daysInPeriod: 28,
      remainingDays: 28,
      credit: 100_000,
      charge: 150_000,
      net: 50_000,
    });
  });

  it('credits and charges half a month in the middle (14 days left from 19 February)', () => {
    expect(prorateChange({ ...upgrade, effectiveDate: '2026-02-19' })).toEqual({
      daysInPeriod: 28,
      remainingDays: 14,
      credit: 50_000,
      charge: 75_000,
      net: 25_000,
    });
  });

  it('credits and charges one day on the last day (4 March), each rounded separately', () => {
    expect(prorateChange({ ...upgrade, effectiveDate: '2026-03-04' })).toEqual({
      daysInPeriod: 28,
      remainingDays: 1,
      credit: 3_571,
      charge: 5_357,
      net: 1_786,
    });
  });

  it('gives a negative net (a credit) on a downgrade', () => {
    const downgrade = { period: february, oldMonthlyAmount: 250_000, newMonthlyAmount: 100_000, effectiveDate: '2026-02-19' };
    expect(prorateChange(downgrade)).toMatchObject({ credit: 125_000, charge: 50_000, net: -75_000 });
  });

  it('nets to 0 when the price does not change, on any day', () => {
    for (const effectiveDate of ['2026-02-05', '2026-02-17', '2026-03-04']) {
      const change = { period: february, oldMonthlyAmount: 99_999, newMonthlyAmount: 99_999, effectiveDate };
      expect(prorateChange(change).net).toBe(0);
    }
  });

  it('counts 29 days across a leap February (billing day 28, 2028-02)', () => {
    const leap = billingPeriod(28, '2028-02');
    expect(prorateChange({ ...upgrade, period: leap, effectiveDate: '2028-02-29' })).toMatchObject({
      daysInPeriod: 29,
      remainingDays: 28, // 29 February – 27 March
      credit: 96_552, // 96.551,72
      charge: 144_828, // 144.827,59
    });
  });

  it('refuses an effective date before the first or after the last day', () => {
    const outside = expect.objectContaining({ code: DomainErrorCode.DateOutsidePeriod });
    expect(() => prorateChange({ ...upgrade, effectiveDate: '2026-02-04' })).toThrow(outside);
    expect(() => prorateChange({ ...upgrade, effectiveDate: '2026-03-05' })).toThrow(outside);
  });

  it('refuses an invalid effective date', () => {
    expect(() => prorateChange({ ...upgrade, effectiveDate: '2026-02-30' })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidDate }),
    );
  });
});
