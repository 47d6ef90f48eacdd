import type { BalanceReopened, PaymentReceived } from '@lunas/contracts';
import type { PaymentsConfig } from '@lunas/payments';
import type { DataSource } from 'typeorm';
import { DEFAULT_PAYMENT_RELAY_OPTIONS, PAYMENT_RELAY_OPTIONS, type PaymentRelayOptions } from '../../src/payments/payment-signal.relay';
import type { OutboxSignal } from '@lunas/persistence';
import { PAYMENT_SIGNAL_SENDER, type PaymentSignalSender } from '../../src/payments/payment-signal.sender';
import { PAYMENTS_CONFIG } from '../../src/payments/payments-config.provider';
import { startTestApp, type TestApp } from '../test-app';

export interface RecordedSignal<P> {
  workflowId: string;
  payload: P;
}

/** Stands in for Temporal: records every signal, or fails like an unreachable server while `down`. */
export class RecordingSignalSender implements PaymentSignalSender {
  /** Every signal delivered, in delivery order. */
  readonly delivered: Array<{ workflowId: string } & OutboxSignal> = [];
  down = false;
  attempts = 0;

  async send(workflowId: string, signal: OutboxSignal): Promise<void> {
    this.attempts += 1;
    if (this.down) throw new Error('14 UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:7233');
    this.delivered.push({ workflowId, ...signal });
  }

  /** `paymentReceived` signals, in delivery order. */
  get signals(): Array<RecordedSignal<PaymentReceived>> {
    return this.delivered.flatMap((s) => (s.kind === 'payment_received' ? [{ workflowId: s.workflowId, payload: s.payload }] : []));
  }

  /** `balanceReopened` signals, in delivery order. */
  get reopenings(): Array<RecordedSignal<BalanceReopened>> {
    return this.delivered.flatMap((s) => (s.kind === 'balance_reopened' ? [{ workflowId: s.workflowId, payload: s.payload }] : []));
  }
}

export type PaymentsTestApp<F> = TestApp<F>;

export interface PaymentsTestAppOptions<F> {
  /** Rows the gateway configuration depends on (tenants with their own accounts), inserted before boot. */
  prepare: (dataSource: DataSource) => Promise<F>;
  payments: (fixture: F) => PaymentsConfig;
  /** A fake signal sender; without it the real Temporal client is used (see `temporalAddress`). */
  sender?: PaymentSignalSender;
  temporalAddress?: string;
  relay?: Partial<PaymentRelayOptions>;
}

/** `startTestApp` with the gateway accounts, the relay timing and optionally the signal sender replaced. */
export function startPaymentsTestApp<F>(options: PaymentsTestAppOptions<F>): Promise<PaymentsTestApp<F>> {
  return startTestApp<F>({
    temporalAddress: options.temporalAddress,
    prepare: options.prepare,
    override: (builder, fixture) => {
      const replaced = builder
        .overrideProvider(PAYMENTS_CONFIG)
        .useValue(options.payments(fixture))
        .overrideProvider(PAYMENT_RELAY_OPTIONS)
        .useValue({ ...DEFAULT_PAYMENT_RELAY_OPTIONS, intervalMs: 100, baseBackoffMs: 100, maxBackoffMs: 500, ...options.relay });
      return options.sender ? replaced.overrideProvider(PAYMENT_SIGNAL_SENDER).useValue(options.sender) : replaced;
    },
  });
}

/** Polls until `check` passes or `timeoutMs` elapses (then rethrows its last failure). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Waits until the webhook inbox processor has booked every stored event (webhooks are booked after their 200). */
export function inboxBooked(dataSource: DataSource, timeoutMs?: number): Promise<void> {
  return eventually(async () => {
    const [unbooked]: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM payment_events WHERE booked_at IS NULL AND status = 'pending'`);
    expect(unbooked.n).toBe(0);
  }, timeoutMs);
}

/**
 * Waits until every stored event is settled: booked, and forwarded (its signals out and marked, which may wait for the
 * next booking or the relay's `forwardedMarkDelayMs`) or parked.
 */
export function inboxSettled(dataSource: DataSource, timeoutMs?: number): Promise<void> {
  return eventually(async () => {
    const [unsettled]: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM payment_events WHERE status = 'pending'`);
    expect(unsettled.n).toBe(0);
  }, timeoutMs);
}
