import type { BillingActivities } from '@lunas/contracts';
import type { BillingDependencies } from './billing/dependencies';
import { effectActivities } from './billing/effects';
import { invoiceActivities } from './billing/invoices';
import { paymentActivities } from './billing/payments';
import { subscriptionActivities } from './billing/subscriptions';

export type { BillingDependencies } from './billing/dependencies';

/**
 * The subscription workflow's activities over injected ports (HOUSE-STYLE 7): PostgreSQL records through TypeORM,
 * customer messages, network enforcement and pay links. Every one is idempotent; business refusals are
 * non-retryable `ApplicationFailure`s with a `BillingRefusal` code, faults throw and are retried.
 */
export function createBillingActivities(dependencies: BillingDependencies): BillingActivities {
  return {
    ...invoiceActivities(dependencies),
    ...paymentActivities(dependencies),
    ...effectActivities(dependencies),
    ...subscriptionActivities(dependencies),
  };
}
