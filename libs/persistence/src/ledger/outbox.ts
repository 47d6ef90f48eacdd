import type { BalanceReopened, CreditMoved, PaymentReceived } from '@lunas/contracts';

/** One row of the `payment_signals` outbox: which subscription-workflow signal it carries, and its argument. */
export type OutboxSignal =
  | { readonly kind: 'payment_received'; readonly payload: PaymentReceived }
  | { readonly kind: 'balance_reopened'; readonly payload: BalanceReopened }
  | { readonly kind: 'credit_moved'; readonly payload: CreditMoved };

/** An outbox row claimed for sending (by its writer at insert, or by the poller), with its lease. */
export interface ClaimedSignal {
  id: string;
  payment_event_id: string | null;
  workflow_id: string;
  kind: OutboxSignal['kind'];
  payload: OutboxSignal['payload'];
  attempts: number;
  /** Write order (per workflow, signals go out in this order). */
  seq: number;
  /** Epoch ms the claim's lease ends (then the poller may take the row). */
  lease_ends_at: number;
  /** Epoch ms the row was written (its relay lag is measured from here). */
  created_at_ms: number;
  /** W3C `traceparent` of the webhook request whose inbox event caused the signal (null otherwise, or traces off). */
  trace_parent: string | null;
}

/** The `RETURNING` list of a claim: the columns of {@link ClaimedSignal}. */
export const CLAIMED_SIGNAL_COLUMNS =
  'RETURNING id, payment_event_id, workflow_id, kind, payload, attempts, seq::float8 AS seq, (extract(epoch FROM next_attempt_at) * 1000)::float8 AS lease_ends_at, (extract(epoch FROM created_at) * 1000)::float8 AS created_at_ms, ' +
  '(SELECT pe.trace_parent FROM payment_events pe WHERE pe.id = payment_event_id) AS trace_parent';
