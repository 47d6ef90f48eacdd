import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PaymentReceived } from '@lunas/contracts';
import { DataSource } from 'typeorm';
import { BackgroundWork, messageOf } from './background-work';
import { PAYMENT_SIGNAL_SENDER, type PaymentSignalSender } from './payment-signal.sender';

export interface PaymentRelayOptions {
  /** Pause between polls of the outbox (and of the webhook inbox's unbooked events) when nothing was due. */
  readonly intervalMs: number;
  /** Rows claimed per poll (outbox signals; inbox events to book). */
  readonly batchSize: number;
  /** How long a claimed row is reserved for its sender before another replica may take it. */
  readonly leaseMs: number;
  /** Deadline of one signal call. */
  readonly sendTimeoutMs: number;
  /** First retry delay (of a signal, or of booking an inbox event); doubles per attempt up to `maxBackoffMs`. */
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Attempts before a signal (or an inbox event that cannot be booked) is marked `failed` for an operator. */
  readonly maxAttempts: number;
  /** Inbox events booked at the same time by one process, right after their webhook was answered. */
  readonly bookingConcurrency: number;
  /** Inbox events waiting in memory for booking; beyond it, a new event is left to the poll. */
  readonly bookingQueueLimit: number;
  /** Age before the poll books an event itself (younger ones are the in-process queue's). */
  readonly bookingGraceMs: number;
  /** False in processes that must not relay (benchmarks of the bare insert). */
  readonly enabled: boolean;
}

/**
 * Defaults: poll every 1 s (a payment reaches a workflow within ~1 s of Temporal coming back); 50 rows
 * per poll (200 webhooks/s drain in 4 polls); a 30 s lease (15× the 2 s send deadline, so a live sender
 * is never overtaken); a 2 s deadline (a signal round trip is ~5 ms, 2 s absorbs a cold connection);
 * backoff 1 s doubling to 5 min; 200 attempts (≈ 16 h at the 5 min cap: a night-long Temporal outage).
 * Booking: 4 events at once (a booking is ~10 round trips; 4 workers keep the database busy while one
 * waits, and leave 6 of the pool's 10 connections to requests; measured ~95 bookings/s on the shared
 * 2-core VM against ~70/s with 2, see docs/benchmarks.md); 1 000 queued (5 s at 200/s);
 * 2 s grace (the queue books an event within milliseconds; the poll takes what it dropped or lost).
 */
export const DEFAULT_PAYMENT_RELAY_OPTIONS: PaymentRelayOptions = {
  intervalMs: 1_000,
  batchSize: 50,
  leaseMs: 30_000,
  sendTimeoutMs: 2_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 300_000,
  maxAttempts: 200,
  bookingConcurrency: 4,
  bookingQueueLimit: 1_000,
  bookingGraceMs: 2_000,
  enabled: true,
};

export const PAYMENT_RELAY_OPTIONS = Symbol('PAYMENT_RELAY_OPTIONS');

/** Delay before retry number `attempts + 1`: `baseBackoffMs` doubling per attempt, capped at `maxBackoffMs`. */
export function retryDelayMs(options: PaymentRelayOptions, attempts: number): number {
  return Math.min(options.baseBackoffMs * 2 ** (attempts - 1), options.maxBackoffMs);
}

interface ClaimedSignal {
  id: string;
  payment_event_id: string | null;
  workflow_id: string;
  payload: PaymentReceived;
  attempts: number;
}

const RETURNING = 'RETURNING id, payment_event_id, workflow_id, payload, attempts';

/**
 * Forwards the `payment_signals` outbox to the subscription workflows. A new row is tried at once
 * after its transaction commits ({@link dispatch}, not awaited by the request); whatever fails is
 * retried by an interval poller with backoff. Rows are claimed with `FOR UPDATE SKIP LOCKED` plus a
 * lease, so any number of API replicas relay without sending a signal twice.
 */
@Injectable()
export class PaymentSignalRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(PaymentSignalRelay.name);
  private readonly work = new BackgroundWork(this.log, 'payment signal relay');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_SIGNAL_SENDER) private readonly sender: PaymentSignalSender,
    @Inject(PAYMENT_RELAY_OPTIONS) private readonly options: PaymentRelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.work.startPolling(async () => (await this.relayDue()) >= this.options.batchSize, this.options.intervalMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** The lease a freshly written row starts with: its writer sends it, the poller leaves it alone. */
  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /**
   * Tries the given (committed, leased) rows now, in the background. A row the poller has claimed in the
   * meantime (its writer was slower than the lease) is left to the poller, so it is never sent twice.
   */
  dispatch(signalIds: readonly string[]): void {
    for (const id of signalIds) this.work.track(this.deliverOne(id));
  }

  /** Claims and sends every due row once; returns how many were claimed. */
  async relayDue(): Promise<number> {
    const rows: ClaimedSignal[] = await this.dataSource.query(
      `UPDATE payment_signals SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (SELECT id FROM payment_signals WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        ${RETURNING}`,
      [this.options.batchSize, this.options.leaseMs],
    ).then(([updated]) => updated);
    await Promise.all(rows.map((row) => this.send(row)));
    return rows.length;
  }

  private async deliverOne(id: string): Promise<void> {
    const [rows]: [ClaimedSignal[]] = await this.dataSource.query(
      `UPDATE payment_signals SET attempts = 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id = $1 AND status = 'pending' AND attempts = 0 ${RETURNING}`,
      [id, this.options.leaseMs],
    );
    if (rows[0]) await this.send(rows[0]);
  }

  private async send(row: ClaimedSignal): Promise<void> {
    try {
      await this.sender.send(row.workflow_id, row.payload, this.options.sendTimeoutMs);
    } catch (error) {
      await this.retryLater(row, messageOf(error));
      return;
    }
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE payment_signals SET status = 'forwarded', forwarded_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
      if (row.payment_event_id) {
        await m.query(
          `UPDATE payment_events SET status = 'forwarded', forwarded_at = now(), attempts = $2, last_error = NULL, next_attempt_at = NULL WHERE id = $1`,
          [row.payment_event_id, row.attempts],
        );
      }
    });
  }

  private async retryLater(row: ClaimedSignal, reason: string): Promise<void> {
    const gaveUp = row.attempts >= this.options.maxAttempts;
    const delay = retryDelayMs(this.options, row.attempts);
    const status = gaveUp ? 'failed' : 'pending';
    if (gaveUp) this.log.error(`paymentReceived for ${row.workflow_id} failed after ${row.attempts} attempts: ${reason}`);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE payment_signals SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000) WHERE id = $1`,
        [row.id, status, reason, delay],
      );
      if (row.payment_event_id) {
        await m.query(
          `UPDATE payment_events SET status = $2, attempts = $3, last_error = $4, next_attempt_at = now() + make_interval(secs => $5::double precision / 1000) WHERE id = $1`,
          [row.payment_event_id, status, row.attempts, reason, delay],
        );
      }
    });
  }
}
