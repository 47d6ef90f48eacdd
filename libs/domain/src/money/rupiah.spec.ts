import { isDomainError, DomainErrorCode } from '../errors';
import { assertNonNegativeRupiah, assertRupiah, formatRupiah, isRupiah, percentOf, sumRupiah } from './rupiah';

function expectInvalidAmount(action: () => unknown): void {
  expect(action).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidAmount }));
}

describe(isRupiah.name, () => {
  it('accepts whole amounts, negative ones included', () => {
    expect(isRupiah(150_000)).toBe(true);
    expect(isRupiah(0)).toBe(true);
    expect(isRupiah(-5_000)).toBe(true);
  });

  it.each([1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, '150000', null])('rejects %p', (value) => {
    expect(isRupiah(value)).toBe(false);
  });
});

describe(assertRupiah.name, () => {
  it('returns a whole amount', () => {
    expect(assertRupiah(-5_000)).toBe(-5_000);
  });

  it('throws INVALID_AMOUNT naming the label and the value', () => {
    try {
      assertRupiah(1.5, 'harga paket');
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(isDomainError(error, DomainErrorCode.InvalidAmount)).toBe(true);
      expect((error as Error).message).toContain('harga paket 1.5');
    }
  });
});

describe(assertNonNegativeRupiah.name, () => {
  it('accepts zero and positive amounts', () => {
    expect(assertNonNegativeRupiah(0)).toBe(0);
    expect(assertNonNegativeRupiah(100_000)).toBe(100_000);
  });

  it.each([-1, NaN, 0.5])('rejects %p', (value) => {
    expectInvalidAmount(() => assertNonNegativeRupiah(value));
  });
});

describe(formatRupiah.name, () => {
  it.each([
    [150_000, 'Rp 150.000'],
    [0, 'Rp 0'],
    [999, 'Rp 999'],
    [1_000, 'Rp 1.000'],
    [1_234_567_890, 'Rp 1.234.567.890'],
    [-5_000, '-Rp 5.000'],
    [-1, '-Rp 1'],
  ])('formats %i as %s', (amount, text) => {
    expect(formatRupiah(amount)).toBe(text);
  });

  it('refuses a fractional amount', () => {
    expectInvalidAmount(() => formatRupiah(10.5));
  });
});

describe(sumRupiah.name, () => {
  it('adds amounts, credits included', () => {
    expect(sumRupiah([100_000, 150_000, -3_571])).toBe(246_429);
  });

  it('is 0 for no amounts', () => {
    expect(sumRupiah([])).toBe(0);
  });

  it('refuses a fractional item and an unsafe total', () => {
    expectInvalidAmount(() => sumRupiah([100, 0.5]));
    expectInvalidAmount(() => sumRupiah([Number.MAX_SAFE_INTEGER, 1]));
  });
});

describe(percentOf.name, () => {
  it('takes basis points of an amount (1.000 bp = 10 %)', () => {
    expect(percentOf(250_000, 1_000)).toBe(25_000);
    expect(percentOf(250_000, 0)).toBe(0);
  });

  it('rounds half up by default', () => {
    expect(percentOf(25, 1_000)).toBe(3); // 2,5
    expect(percentOf(24, 1_000)).toBe(2); // 2,4
  });

  it('uses the rounding it is given', () => {
    expect(percentOf(29, 1_000, 'floor')).toBe(2); // 2,9
    expect(percentOf(21, 1_000, 'ceil')).toBe(3); // 2,1
  });

  it('refuses a negative amount and a fractional or negative rate', () => {
    expectInvalidAmount(() => percentOf(-1, 1_000));
    expect(() => percentOf(100, 2.5)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidRate }));
    expect(() => percentOf(100, -1)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidRate }));
  });
});
