import type { ListQuery } from './list';

export const SUBSCRIPTION_SORT_FIELDS = ['createdAt', 'startedOn', 'billingDay'] as const;

/**
 * `GET /api/v1/subscriptions`: besides ListQuery: stage (search attribute), suspended, status, customerId, packageId,
 * tenantId. `q` searches customer name, customer number and PPPoE username.
 */
export interface ListSubscriptionsQuery extends ListQuery {
  stage?: string;
  suspended?: boolean;
  status?: 'active' | 'suspended' | 'cancelled';
  customerId?: string;
  packageId?: string;
  tenantId?: string;
}

/**
 * Live dunning state of a subscription on the list (`live` of each item): stage and suspended from the workflow's
 * search attributes (Temporal visibility), next step and amount due from the workflow's `state` query, read for the
 * rows of the page only. `live` is null (with `liveError`) when Temporal could not be read.
 */
export interface SubscriptionLiveState {
  /** waiting, issued, reminded, warned, suspended, promised, paused, paid, cancelled. */
  stage: string | null;
  suspended: boolean | null;
  overdueSince: string | null;
  invoiceNumber: string | null;
  /** Rupiah still owed (current invoice plus arrears), late fee included. */
  amountDue: number | null;
  /** The next ladder step: its id, actions and when (ISO, WIB). */
  nextStep: { stepId: string; actions: string[]; at: string } | null;
}

/** `POST /api/v1/subscriptions` body (the existing route): customer + package + PPPoE user; starts its workflow. */
export interface CreateSubscriptionRequest {
  customerId: string;
  packageId: string;
  billingDay: number;
  discountKind?: 'none' | 'fixed' | 'percent';
  discountValue?: number;
  pppoeUsername?: string;
  startedOn?: string;
}

/** A row of `GET /api/v1/subscriptions`. */
export interface SubscriptionListItem {
  id: string;
  tenantId: string;
  customer: { id: string; code: string; name: string; phone: string } | null;
  package: { id: string; name: string; price: number } | null;
  billingDay: number;
  discountKind: string;
  discountValue: number;
  status: 'active' | 'suspended' | 'cancelled';
  pppoeUsername: string | null;
  workflowId: string | null;
  startedOn: string;
  live: SubscriptionLiveState | null;
  /** Why `live` could not be read (Temporal unreachable), in Indonesian. */
  liveError?: string;
}
