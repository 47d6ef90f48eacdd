import { DomainError, DomainErrorCode, describeValue } from '../errors';
import { multiplyByFraction, type Rounding } from './rounding';

/** An amount of Indonesian rupiah (IDR) as a whole number; IDR has no minor unit in practice. */
export type Rupiah = number;

/** Basis points in one whole: 10.000 bp = 100 %, so 1.100 bp = 11 %. */
export const BASIS_POINTS_PER_WHOLE = 10_000;

/** Whether `value` is a whole rupiah amount (a safe integer; may be negative, e.g. a credit). */
export function isRupiah(value: unknown): value is Rupiah {
  return Number.isSafeInteger(value);
}

/** Returns `value` when it is a whole rupiah amount (negative allowed); throws `INVALID_AMOUNT` otherwise. */
export function assertRupiah(value: number, label = 'nominal'): Rupiah {
  if (!isRupiah(value)) throw new DomainError(DomainErrorCode.InvalidAmount, `${label} ${describeValue(value)}`);
  return value;
}

/** Returns `value` when it is a whole rupiah amount ≥ 0; throws `INVALID_AMOUNT` otherwise (NaN, 1.5, −1, …). */
export function assertNonNegativeRupiah(value: number, label = 'nominal'): Rupiah {
  if (!isRupiah(value) || value < 0) {
    throw new DomainError(DomainErrorCode.InvalidAmount, `${label} ${describeValue(value)} (tidak boleh negatif)`);
  }
  return value;
}

/**
 * Indonesian display form: `Rp 150.000`, `Rp 0`, `-Rp 5.000` ('.' groups thousands, no decimals).
 * Written by hand rather than with `Intl.NumberFormat('id-ID')`, whose output depends on the ICU
 * build (it inserts a no-break space, and the Temporal workflow sandbox must be deterministic).
 */
export function formatRupiah(amount: Rupiah): string {
  assertRupiah(amount);
  const grouped = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp ${grouped}`;
}

/** Sum of whole rupiah amounts (0 for none); throws `INVALID_AMOUNT` on a non-integer or an unsafe total. */
export function sumRupiah(amounts: readonly Rupiah[]): Rupiah {
  const total = amounts.reduce((sum, amount) => sum + assertRupiah(amount), 0);
  return assertRupiah(total, 'total');
}

/**
 * `basisPoints` of a non-negative `amount` (1.000 bp = 10 %), in whole rupiah.
 * Default rounding `halfUp` (nearest rupiah, 0,5 up) — the commercial rule for discounts and fees;
 * pass `floor` for tax amounts (see `ppnOf`).
 */
export function percentOf(amount: Rupiah, basisPoints: number, rounding: Rounding = 'halfUp'): Rupiah {
  assertNonNegativeRupiah(amount);
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new DomainError(DomainErrorCode.InvalidRate, describeValue(basisPoints));
  }
  return multiplyByFraction(amount, basisPoints, BASIS_POINTS_PER_WHOLE, rounding);
}
