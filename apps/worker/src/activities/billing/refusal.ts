import { ApplicationFailure } from '@temporalio/common';
import type { BillingRefusalCode } from '@lunas/contracts';

/** A business refusal: a non-retryable `ApplicationFailure` typed with its code, message in Bahasa Indonesia. */
export function refusal(code: BillingRefusalCode, message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, code);
}
