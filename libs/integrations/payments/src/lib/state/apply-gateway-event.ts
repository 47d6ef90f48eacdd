import type { NormalisedPaymentEvent } from '../gateway/events';

/** Where one gateway transaction stands, as far as Lunas has applied it. */
export type GatewayPaymentStatus =
  | 'new'
  | 'pending'
  | 'authorized'
  | 'challenge'
  | 'failed'
  | 'expired'
  | 'cancelled'
  | 'paid'
  | 'partially_refunded'
  | 'refunded'
  | 'charged_back';

export interface GatewayPaymentState {
  readonly status: GatewayPaymentStatus;
  /** Integer rupiah credited to the invoice by this transaction. */
  readonly paidAmount: number;
  /** Integer rupiah taken back (refunds, reversal, chargebacks), cumulative. */
  readonly reversedAmount: number;
  /** Event ids already applied, so a redelivery changes nothing. */
  readonly appliedEventIds: readonly string[];
}

export const INITIAL_GATEWAY_PAYMENT_STATE: GatewayPaymentState = { status: 'new', paidAmount: 0, reversedAmount: 0, appliedEventIds: [] };

/** What the caller must do in the ledger / workflow because of an event. */
export type GatewayPaymentEffect =
  | { readonly type: 'payment_pending' }
  | { readonly type: 'payment_on_hold' }
  | { readonly type: 'payment_failed'; readonly kind: 'failed' | 'expired' | 'cancelled' }
  | { readonly type: 'payment_received'; readonly amount: number }
  | { readonly type: 'payment_refunded'; readonly amount: number }
  | { readonly type: 'payment_reversed'; readonly amount: number }
  | { readonly type: 'payment_charged_back'; readonly amount: number }
  | { readonly type: 'manual_review'; readonly reason: string };

export interface GatewayEventOutcome {
  readonly state: GatewayPaymentState;
  /** Empty when the event changes nothing. */
  readonly effects: readonly GatewayPaymentEffect[];
  /** Why nothing changed: the same event again, or an older status arriving after a newer one. */
  readonly ignored?: 'duplicate' | 'superseded';
}

/** Progress before any money moved; a lower step never overrides a higher one. */
const WAITING_STEP: Partial<Record<GatewayPaymentStatus, number>> = { new: 0, pending: 1, authorized: 2, challenge: 3 };
/** States in which money has not (yet) been credited and a `paid` event is applied. */
const PAYABLE: ReadonlySet<GatewayPaymentStatus> = new Set(['new', 'pending', 'authorized', 'challenge', 'failed', 'expired']);
/** States in which a refund or chargeback may still take money back. */
const REVERSIBLE: ReadonlySet<GatewayPaymentStatus> = new Set(['paid', 'partially_refunded', 'charged_back']);

/**
 * Applies one gateway event to one gateway transaction's state, whatever order events arrive in:
 * statuses only move forward (waiting → paid → refunded / charged back), so a `pending` after a
 * settlement is superseded; a refund or chargeback that arrives before the settlement implies the
 * receipt (both effects are returned and the late settlement is superseded); a redelivered event id
 * is a duplicate. Pure.
 */
export function applyGatewayEvent(current: GatewayPaymentState | undefined, event: NormalisedPaymentEvent): GatewayEventOutcome {
  const state = current ?? INITIAL_GATEWAY_PAYMENT_STATE;
  if (state.appliedEventIds.includes(event.eventId)) return { state, effects: [], ignored: 'duplicate' };
  const seen = [...state.appliedEventIds, event.eventId];
  const next = (patch: Partial<GatewayPaymentState>, effects: GatewayPaymentEffect[]): GatewayEventOutcome => ({
    state: { ...state, ...patch, appliedEventIds: seen },
    effects,
  });
  const superseded: GatewayEventOutcome = { state: { ...state, appliedEventIds: seen }, effects: [], ignored: 'superseded' };
  const waitingStep = WAITING_STEP[state.status];

  switch (event.kind) {
    case 'pending':
    case 'authorized':
    case 'challenge':
      if (waitingStep === undefined || (WAITING_STEP[event.kind] ?? 0) <= waitingStep) return superseded;
      return next({ status: event.kind }, [event.kind === 'challenge' ? { type: 'payment_on_hold' } : { type: 'payment_pending' }]);
    case 'failed':
    case 'expired':
      return waitingStep === undefined ? superseded : next({ status: event.kind }, [{ type: 'payment_failed', kind: event.kind }]);
    case 'cancelled':
      if (waitingStep !== undefined) return next({ status: 'cancelled' }, [{ type: 'payment_failed', kind: 'cancelled' }]);
      if (state.status !== 'paid') return superseded;
      return next({ status: 'cancelled', reversedAmount: state.paidAmount }, [{ type: 'payment_reversed', amount: state.paidAmount }]);
    case 'paid':
      return PAYABLE.has(state.status) ? next({ status: 'paid', paidAmount: event.amount }, [{ type: 'payment_received', amount: event.amount }]) : superseded;
    case 'refunded':
    case 'partially_refunded':
    case 'chargeback':
    case 'partial_chargeback':
      return applyReversal(state, event, next, superseded);
  }
}

function applyReversal(
  state: GatewayPaymentState,
  event: NormalisedPaymentEvent,
  next: (patch: Partial<GatewayPaymentState>, effects: GatewayPaymentEffect[]) => GatewayEventOutcome,
  superseded: GatewayEventOutcome,
): GatewayEventOutcome {
  const implied = PAYABLE.has(state.status);
  if (!implied && !REVERSIBLE.has(state.status)) return superseded;
  const received: GatewayPaymentEffect[] = implied ? [{ type: 'payment_received', amount: event.amount }] : [];
  const paidAmount = implied ? event.amount : state.paidAmount;
  const chargeback = event.kind === 'chargeback' || event.kind === 'partial_chargeback';
  const whole = event.kind === 'refunded' || event.kind === 'chargeback';
  const total = event.refundedAmount ?? (whole ? paidAmount : undefined);
  if (total === undefined) {
    return next({ status: 'paid', paidAmount }, [...received, { type: 'manual_review', reason: `${event.kind} without an amount from ${event.gateway}` }]);
  }
  const delta = Math.min(total, paidAmount) - state.reversedAmount;
  if (delta <= 0 && !implied) return superseded;
  const status: GatewayPaymentStatus = chargeback || state.status === 'charged_back' ? 'charged_back' : total >= paidAmount ? 'refunded' : 'partially_refunded';
  const reversal: GatewayPaymentEffect[] = delta > 0 ? [{ type: chargeback ? 'payment_charged_back' : 'payment_refunded', amount: delta }] : [];
  return next({ status, paidAmount, reversedAmount: state.reversedAmount + Math.max(delta, 0) }, [...received, ...reversal]);
}
