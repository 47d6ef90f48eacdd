/**
 * How a customer pays one invoice in the soak, and what the soak does on each day counted from the invoice's due date
 * (day 0; the invoice is issued the day before at 06:00 WIB; the default ladder reminds on days 3 and 7, adds the late
 * fee on day 7, warns on day 14 and suspends on day 21).
 */
export type PaymentBehaviour = 'on_time' | 'late' | 'partial' | 'never' | 'promise' | 'chargeback';

export const PAYMENT_BEHAVIOURS: readonly PaymentBehaviour[] = ['on_time', 'late', 'partial', 'never', 'promise', 'chargeback'];

/** Share of invoices paid each way (a `never` customer stops paying for good: suspended, no more invoices). */
const WEIGHTS: Record<PaymentBehaviour, number> = { on_time: 0.55, late: 0.14, partial: 0.1, promise: 0.1, chargeback: 0.08, never: 0.03 };

/** One thing the soak does for an invoice on a day after its due date. */
export type CustomerStep =
  /** Pays what the invoice owes then (`share` of it; 1: all). */
  | { kind: 'pay'; share: number }
  /** Promises to pay by the due date + `untilDay` (the default policy allows 7 days ahead, once per invoice). */
  | { kind: 'promise'; untilDay: number }
  /** The gateway takes back the last payment (the ledger reopens the invoice, the workflow is told). */
  | { kind: 'chargeback' };

/** Day after the due date → what happens that day, per behaviour. */
const PLANS: Record<PaymentBehaviour, ReadonlyMap<number, CustomerStep>> = {
  on_time: new Map([[0, { kind: 'pay', share: 1 }]]),
  late: new Map([[10, { kind: 'pay', share: 1 }]]),
  partial: new Map<number, CustomerStep>([[1, { kind: 'pay', share: 0.5 }], [12, { kind: 'pay', share: 1 }]]),
  never: new Map(),
  promise: new Map<number, CustomerStep>([[4, { kind: 'promise', untilDay: 10 }], [9, { kind: 'pay', share: 1 }]]),
  chargeback: new Map<number, CustomerStep>([[0, { kind: 'pay', share: 1 }], [5, { kind: 'chargeback' }], [11, { kind: 'pay', share: 1 }]]),
};

/** The step of `behaviour` on `day` after the due date, if any. */
export function stepOn(behaviour: PaymentBehaviour, day: number): CustomerStep | undefined {
  return PLANS[behaviour].get(day);
}

/** The last day after the due date on which any behaviour acts. */
export const LAST_STEP_DAY = Math.max(...Object.values(PLANS).flatMap((plan) => [...plan.keys()]));

/** A seeded pseudo-random generator (mulberry32): the same seed draws the same soak. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws how one invoice is paid. */
export function drawBehaviour(random: () => number): PaymentBehaviour {
  let left = random();
  for (const behaviour of PAYMENT_BEHAVIOURS) {
    left -= WEIGHTS[behaviour];
    if (left < 0) return behaviour;
  }
  return 'on_time';
}
