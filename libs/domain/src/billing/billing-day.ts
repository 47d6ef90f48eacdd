import { DomainError, DomainErrorCode, describeValue } from '../errors';

/** Day of the month on which a subscription's periods start and its invoices fall due, 1–28. */
export type BillingDay = number;

/** Earliest billing day. */
export const MIN_BILLING_DAY = 1;

/** Latest billing day: 28, so that every month — February of a common year included — has it (004: "1-28"). */
export const MAX_BILLING_DAY = 28;

/** Whether `value` is an integer 1–28. */
export function isBillingDay(value: unknown): value is BillingDay {
  return Number.isInteger(value) && (value as number) >= MIN_BILLING_DAY && (value as number) <= MAX_BILLING_DAY;
}

/** Returns `value` when it is a billing day; throws `INVALID_BILLING_DAY` otherwise. */
export function assertBillingDay(value: number): BillingDay {
  if (!isBillingDay(value)) throw new DomainError(DomainErrorCode.InvalidBillingDay, describeValue(value));
  return value;
}
