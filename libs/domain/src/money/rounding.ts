/**
 * How a fractional rupiah result becomes a whole rupiah.
 * - `floor`: toward −∞ (PPN: Indonesian tax amounts are rounded down to whole rupiah).
 * - `ceil`: toward +∞.
 * - `halfUp`: to the nearest rupiah, ties away from zero (commercial rounding: 0,5 → 1; −0,5 → −1).
 */
export type Rounding = 'floor' | 'ceil' | 'halfUp';

/**
 * `value × numerator ÷ denominator`, rounded to an integer with `rounding`.
 * Exact for any safe integers: the product is computed with BigInt, so no floating-point error can
 * push a result across a rounding boundary (e.g. 0,11 × 100 is 11.000000000000002 in floating point).
 * `denominator` must be a positive integer.
 */
export function multiplyByFraction(value: number, numerator: number, denominator: number, rounding: Rounding): number {
  const product = BigInt(value) * BigInt(numerator);
  const divisor = BigInt(denominator);
  const quotient = product / divisor; // truncates toward zero
  const remainder = product % divisor;
  if (remainder === 0n) return Number(quotient);
  const negative = product < 0n;
  switch (rounding) {
    case 'floor':
      return Number(negative ? quotient - 1n : quotient);
    case 'ceil':
      return Number(negative ? quotient : quotient + 1n);
    case 'halfUp': {
      const twiceRemainder = (negative ? -remainder : remainder) * 2n;
      if (twiceRemainder < divisor) return Number(quotient);
      return Number(negative ? quotient - 1n : quotient + 1n);
    }
  }
}
