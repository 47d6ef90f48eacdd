import type { NormalisedPaymentEvent, PaymentEventKind } from '../gateway/events';
import { applyGatewayEvent, type GatewayEventOutcome, type GatewayPaymentState } from './apply-gateway-event';

function event(kind: PaymentEventKind, extra: Partial<NormalisedPaymentEvent> = {}): NormalisedPaymentEvent {
  return {
    gateway: 'midtrans',
    eventId: `tx-1:${kind}:${extra.refundedAmount ?? ''}`,
    gatewayTransactionId: 'tx-1',
    orderId: 'INV-2026-08-0001',
    amount: 166500,
    kind,
    occurredAt: '2026-08-01T03:00:00.000Z',
    raw: {},
    ...extra,
  };
}

/** Applies events in the given (arrival) order, returning every outcome. */
function deliver(...events: NormalisedPaymentEvent[]): GatewayEventOutcome[] {
  const outcomes: GatewayEventOutcome[] = [];
  let state: GatewayPaymentState | undefined;
  for (const next of events) {
    const outcome = applyGatewayEvent(state, next);
    outcomes.push(outcome);
    state = outcome.state;
  }
  return outcomes;
}

const last = (outcomes: GatewayEventOutcome[]) => outcomes[outcomes.length - 1];

describe('applyGatewayEvent', () => {
  it('moves pending → paid and credits the amount once', () => {
    const [pending, paid] = deliver(event('pending'), event('paid'));

    expect(pending.effects).toEqual([{ type: 'payment_pending' }]);
    expect(paid.effects).toEqual([{ type: 'payment_received', amount: 166500 }]);
    expect(paid.state).toMatchObject({ status: 'paid', paidAmount: 166500, reversedAmount: 0 });
  });

  it('ends settled when the settlement arrives before the pending', () => {
    const outcomes = deliver(event('paid'), event('pending'));

    expect(last(outcomes)).toMatchObject({ effects: [], ignored: 'superseded', state: { status: 'paid', paidAmount: 166500 } });
  });

  it('does nothing for a redelivered event', () => {
    const outcomes = deliver(event('paid'), event('paid'));

    expect(last(outcomes)).toMatchObject({ effects: [], ignored: 'duplicate' });
  });

  it('credits a capture and its later settlement only once (different event ids)', () => {
    const outcomes = deliver(event('paid', { eventId: 'tx-1:capture' }), event('paid', { eventId: 'tx-1:settlement' }));

    expect(outcomes.flatMap((outcome) => outcome.effects)).toEqual([{ type: 'payment_received', amount: 166500 }]);
  });

  it('ends refunded, net zero, when the refund arrives before the settlement', () => {
    const outcomes = deliver(event('refunded'), event('paid'), event('pending'));

    expect(outcomes.map((outcome) => outcome.effects)).toEqual([
      [
        { type: 'payment_received', amount: 166500 },
        { type: 'payment_refunded', amount: 166500 },
      ],
      [],
      [],
    ]);
    expect(last(outcomes).state).toMatchObject({ status: 'refunded', paidAmount: 166500, reversedAmount: 166500 });
  });

  it('applies successive partial refunds by their cumulative amounts, ignoring an older one arriving late', () => {
    const outcomes = deliver(
      event('paid'),
      event('partially_refunded', { refundedAmount: 50000 }),
      event('partially_refunded', { refundedAmount: 80000 }),
      event('partially_refunded', { refundedAmount: 50000, eventId: 'late-copy' }),
      event('refunded', { refundedAmount: 166500 }),
    );

    expect(outcomes.map((outcome) => outcome.effects)).toEqual([
      [{ type: 'payment_received', amount: 166500 }],
      [{ type: 'payment_refunded', amount: 50000 }],
      [{ type: 'payment_refunded', amount: 30000 }],
      [],
      [{ type: 'payment_refunded', amount: 86500 }],
    ]);
    expect(outcomes.map((outcome) => outcome.state.status)).toEqual(['paid', 'partially_refunded', 'partially_refunded', 'partially_refunded', 'refunded']);
  });

  it('asks for review of a partial refund without an amount', () => {
    const outcomes = deliver(event('paid'), event('partially_refunded'));

    expect(last(outcomes).effects).toEqual([{ type: 'manual_review', reason: 'partially_refunded without an amount from midtrans' }]);
  });

  it('takes back the remaining amount on a chargeback and flags it', () => {
    const outcomes = deliver(event('paid'), event('partially_refunded', { refundedAmount: 16500 }), event('chargeback'));

    expect(last(outcomes).effects).toEqual([{ type: 'payment_charged_back', amount: 150000 }]);
    expect(last(outcomes).state.status).toBe('charged_back');
  });

  it('accepts a late payment after expiry: the money did arrive', () => {
    const outcomes = deliver(event('expired'), event('paid'));

    expect(outcomes.map((outcome) => outcome.effects)).toEqual([[{ type: 'payment_failed', kind: 'expired' }], [{ type: 'payment_received', amount: 166500 }]]);
  });

  it('ignores an expiry arriving after the payment', () => {
    expect(last(deliver(event('paid'), event('expired')))).toMatchObject({ ignored: 'superseded', state: { status: 'paid' } });
  });

  it('reverses a captured card payment that is cancelled', () => {
    const outcomes = deliver(event('paid'), event('cancelled'));

    expect(last(outcomes).effects).toEqual([{ type: 'payment_reversed', amount: 166500 }]);
    expect(last(outcomes).state).toMatchObject({ status: 'cancelled', reversedAmount: 166500 });
  });

  it('holds a challenged card payment and credits it once accepted', () => {
    const outcomes = deliver(event('pending'), event('challenge'), event('paid'));

    expect(outcomes.map((outcome) => outcome.effects)).toEqual([[{ type: 'payment_pending' }], [{ type: 'payment_on_hold' }], [{ type: 'payment_received', amount: 166500 }]]);
  });

  it('lets a denial close a pending payment but not a refunded one', () => {
    expect(last(deliver(event('pending'), event('failed'))).effects).toEqual([{ type: 'payment_failed', kind: 'failed' }]);
    expect(last(deliver(event('paid'), event('refunded'), event('failed'))).ignored).toBe('superseded');
  });
});
