import { multiplyByFraction } from './rounding';

describe(multiplyByFraction.name, () => {
  it('returns exact quotients unchanged in every mode', () => {
    for (const mode of ['floor', 'ceil', 'halfUp'] as const) {
      expect(multiplyByFraction(100_000, 1_100, 10_000, mode)).toBe(11_000);
      expect(multiplyByFraction(-100_000, 1_100, 10_000, mode)).toBe(-11_000);
    }
  });

  it.each([
    // value, numerator, denominator, floor, ceil, halfUp
    [15_766, 1_100, 10_000, 1_734, 1_735, 1_734], // 1.734,26
    [5, 1, 2, 2, 3, 3], // 2,5: tie goes up
    [7, 1, 4, 1, 2, 2], // 1,75
    [5, 1, 4, 1, 2, 1], // 1,25
    [-5, 1, 2, -3, -2, -3], // −2,5: tie goes away from zero
    [-7, 1, 4, -2, -1, -2], // −1,75
    [-5, 1, 4, -2, -1, -1], // −1,25
  ])('rounds %i × %i ÷ %i to floor %i, ceil %i, halfUp %i', (value, numerator, denominator, floor, ceil, halfUp) => {
    expect(multiplyByFraction(value, numerator, denominator, 'floor')).toBe(floor);
    expect(multiplyByFraction(value, numerator, denominator, 'ceil')).toBe(ceil);
    expect(multiplyByFraction(value, numerator, denominator, 'halfUp')).toBe(halfUp);
  });

  it('stays exact where floating point would not (0,07 × 100 is 7.000000000000001 in doubles)', () => {
    expect(Math.ceil(0.07 * 100)).toBe(8);
    expect(multiplyByFraction(100, 700, 10_000, 'ceil')).toBe(7);
  });

  it('stays exact for products beyond 2^53', () => {
    const value = 900_719_925_474_099; // × 10.000 exceeds Number.MAX_SAFE_INTEGER
    expect(multiplyByFraction(value, 10_000, 10_000, 'floor')).toBe(value);
  });
});
