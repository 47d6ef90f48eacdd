import { DomainErrorCode } from '../errors';
import { assertPpnConfig, DEFAULT_PPN_CONFIG, ppnOf, splitInclusivePpn } from './ppn';

const invalidRate = expect.objectContaining({ code: DomainErrorCode.InvalidRate });

describe('DEFAULT_PPN_CONFIG', () => {
  it('is 11 % added on top of prices', () => {
    expect(DEFAULT_PPN_CONFIG).toEqual({ rateBasisPoints: 1_100, pricesIncludePpn: false });
  });
});

describe(assertPpnConfig.name, () => {
  it('accepts rates from 0 to 10.000 bp', () => {
    expect(assertPpnConfig({ rateBasisPoints: 0, pricesIncludePpn: false }).rateBasisPoints).toBe(0);
    expect(assertPpnConfig({ rateBasisPoints: 10_000, pricesIncludePpn: true }).rateBasisPoints).toBe(10_000);
  });

  it.each([-1, 10_001, 11.5, NaN])('rejects rate %p', (rateBasisPoints) => {
    expect(() => assertPpnConfig({ rateBasisPoints, pricesIncludePpn: false })).toThrow(invalidRate);
  });
});

describe(ppnOf.name, () => {
  it.each([
    [100_000, 11_000], // exact
    [150_000, 16_500], // exact
    [15_766, 1_734], // 1.734,26 → down
    [3_453_454, 379_879], // 379.879,94 → down, never up
    [9_999_999, 1_099_999], // 1.099.999,89 → down
    [9, 0], // 0,99 → 0
    [0, 0],
  ])('is %i × 11 %% rounded down = %i', (dpp, ppn) => {
    expect(ppnOf(dpp)).toBe(ppn);
  });

  it('uses the given rate', () => {
    expect(ppnOf(100_000, 1_200)).toBe(12_000);
    expect(ppnOf(100_000, 0)).toBe(0);
  });

  it('refuses a negative or fractional DPP and a bad rate', () => {
    expect(() => ppnOf(-1)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidAmount }));
    expect(() => ppnOf(100.5)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidAmount }));
    expect(() => ppnOf(100, 20_000)).toThrow(invalidRate);
  });
});

describe(splitInclusivePpn.name, () => {
  it.each([
    [111_000, 100_000, 11_000], // exact
    [150_000, 135_136, 14_864], // 135.135,14 → DPP up
    [100_000, 90_091, 9_909], // 90.090,09 → DPP up; ppnOf(90.091) would be 9.910
    [1, 1, 0],
    [0, 0, 0],
  ])('splits %i into DPP %i and PPN %i', (gross, dpp, ppn) => {
    expect(splitInclusivePpn(gross)).toEqual({ dpp, ppn });
  });

  it('always adds back up to the gross amount with PPN at most the rounded-down PPN of the DPP', () => {
    for (let gross = 0; gross <= 5_000; gross += 7) {
      const { dpp, ppn } = splitInclusivePpn(gross);
      expect(dpp + ppn).toBe(gross);
      expect(ppn).toBeLessThanOrEqual(ppnOf(dpp));
      expect(ppn).toBeGreaterThanOrEqual(ppnOf(dpp) - 1);
    }
  });

  it('leaves the whole amount as DPP at rate 0', () => {
    expect(splitInclusivePpn(150_000, 0)).toEqual({ dpp: 150_000, ppn: 0 });
  });

  it('refuses a negative gross amount', () => {
    expect(() => splitInclusivePpn(-1)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidAmount }));
  });
});
