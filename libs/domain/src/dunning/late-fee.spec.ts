import { DomainError } from '../errors';
import { computeLateFee } from './late-fee';

describe(computeLateFee.name, () => {
  it('charges a fixed fee as is', () => {
    expect(computeLateFee({ kind: 'fixed', amount: 10_000 }, 166_500)).toBe(10_000);
  });

  it('charges basis points of the invoice total', () => {
    // 2 % of Rp 250.000
    expect(computeLateFee({ kind: 'percent', basisPoints: 200 }, 250_000)).toBe(5_000);
  });

  it('rounds half up to the whole rupiah', () => {
    // 2 % of 166.499 = 3.329,98; of 166.475 = 3.329,5; of 166.474 = 3.329,48
    expect(computeLateFee({ kind: 'percent', basisPoints: 200 }, 166_499)).toBe(3_330);
    expect(computeLateFee({ kind: 'percent', basisPoints: 200 }, 166_475)).toBe(3_330);
    expect(computeLateFee({ kind: 'percent', basisPoints: 200 }, 166_474)).toBe(3_329);
  });

  it('refuses a total that is not whole rupiah', () => {
    expect(() => computeLateFee({ kind: 'percent', basisPoints: 200 }, 1000.5)).toThrow(DomainError);
    expect(() => computeLateFee({ kind: 'fixed', amount: 10_000 }, -1)).toThrow(DomainError);
  });
});
