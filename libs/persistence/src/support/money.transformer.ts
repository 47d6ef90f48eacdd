import { ValueTransformer } from 'typeorm';

/**
 * Money columns are PostgreSQL `bigint` holding whole rupiah, mapped to a JS `number`.
 * `bigint` keeps sums and ledgers far from overflow in the database; in JS every amount must stay a
 * safe integer (below 2^53 ≈ 9 × 10^15 rupiah), which this transformer enforces in both directions.
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? value : assertRupiah(value)),
  from: (value: unknown) => (value === null || value === undefined ? value : assertRupiah(Number(value))),
};

function assertRupiah(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`Money must be a whole number of rupiah within ±2^53 (got ${String(value)})`);
  }
  return value;
}

/** `numeric` columns (returned by pg as strings) mapped to JS numbers, e.g. a PPN rate of 0.1100. */
export const decimalTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};
