import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LunasConfig } from '@lunas/config';
import { DataSource, EntityManager } from 'typeorm';
import { BackgroundWork, messageOf } from './background-work';
import { inSpanAfter, lunasMetrics } from '@lunas/observability';
import { CLAIMED_SIGNAL_COLUMNS, rowsSource, type ClaimedSignal, type OutboxSignal } from '@lunas/persistence';
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
  /** Inbox batches one process books at the same time (each claims up to `batchSize` events in one transaction). */
  readonly bookingConcurrency: number;
  /**
   * How long a booking loop woken by a stored event waits before it claims, so that the events stored meanwhile are
   * booked together (0: at once, one transaction per event at moderate rates).
   */
  readonly bookingCoalesceMs: number;
  /**
   * How long the "forwarded" mark of rows sent right after their booking may wait for the next booking transaction
   * to carry it (one commit fewer per batch) before it is written on its own.
   */
  readonly forwardedMarkDelayMs: number;
  /** False in processes that must not book or relay (an API whose booking runs in the booking process). */
  readonly enabled: boolean;
}

/**
 * Defaults: poll every 1 s (a payment reaches a workflow within ~1 s of Temporal coming back); 50 rows
 * per poll or booking batch (200 webhooks/s drain in 4 polls; rows are bound as one array per column,
 * so the statement of a batch of 50 or of 1 has the same ~80 parameters); a 30 s lease (15× the 2 s send deadline,
 * so a live sender is never overtaken); a 2 s deadline (a signal round trip is ~5 ms, 2 s absorbs a cold
 * connection); backoff 1 s doubling to 5 min; 200 attempts (≈ 16 h at the 5 min cap: a night-long
 * Temporal outage). Booking: one batch at a time per process (a batch is 6 round trips whatever its
 * size; at 200 webhooks/s on the shared 2-core VM one loop books ~6 events per batch with inbox →
 * booked p50 ~12 ms, while two loops split the arrivals into smaller batches and cost more PostgreSQL
 * CPU for the same events, see docs/benchmarks.md); a woken loop waits 25 ms before it claims, so that the events
 * stored meanwhile share its transaction (at 200 webhooks/s, ~13–18 events per transaction instead of ~8, −0.3 to
 * −0.5 ms CPU per payment across the booking process and PostgreSQL; 25 ms of the 500 ms webhook → workflow promise).
 * The "forwarded" mark of a dispatched batch waits up to 250 ms for the next booking (at 200 webhooks/s one comes every
 * ~30 ms).
 */
export const DEFAULT_PAYMENT_RELAY_OPTIONS: PaymentRelayOptions = {
  intervalMs: 1_000,
  batchSize: 50,
  leaseMs: 30_000,
  sendTimeoutMs: 2_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 300_000,
  maxAttempts: 200,
  bookingConcurrency: 1,
  bookingCoalesceMs: 25,
  forwardedMarkDelayMs: 250,
  enabled: true,
};

export const PAYMENT_RELAY_OPTIONS = Symbol('PAYMENT_RELAY_OPTIONS');

/** Provided (true) by the booking process (`BookingModule`): it books and relays whatever `LUNAS_PAYMENT_BOOKING` says. */
export const BOOKING_PROCESS = Symbol('BOOKING_PROCESS');

/** The relay's and booking loop's options in this process: on in the booking process, and in the API unless booking is `separate`. */
export function relayOptionsFor(config: LunasConfig, bookingProcess: boolean | undefined): PaymentRelayOptions {
  return { ...DEFAULT_PAYMENT_RELAY_OPTIONS, enabled: bookingProcess === true || config.paymentBooking === 'api' };
}

/** Delay before retry number `attempts + 1`: `baseBackoffMs` doubling per attempt, capped at `maxBackoffMs`. */
export function retryDelayMs(options: PaymentRelayOptions, attempts: number): number {
  return Math.min(options.baseBackoffMs * 2 ** (attempts - 1), options.maxBackoffMs);
}

interface FailedSignal {
  row: ClaimedSignal;
  reason: string;
}

/** There is an earlier row `e` of the same workflow as row `s` still to be sent, of which `condition` holds. */
const earlierPending = (condition: string) =>
  `EXISTS (SELECT 1 FROM payment_signals e WHERE e.workflow_id = s.workflow_id AND e.status = 'pending' AND e.seq < s.seq AND ${condition})`;

/**
 * Forwards the `payment_signals` outbox to the subscription workflows, by kind (`paymentReceived`,
 * `balanceReopened`). New rows are claimed by the transaction that writes them and sent at once after it
 * commits ({@link dispatch}, not awaited by the caller); whatever fails is retried by an interval poller
 * with backoff, which claims due rows in one statement (`FOR UPDATE SKIP LOCKED`). Every claim holds a
 * lease, so any number of API replicas relay without sending a signal twice. Claimed rows are sent
 * concurrently and marked forwarded (with their inbox rows) in one statement. The signals of one
 * workflow go out in the order they were written: a row waits while an earlier row of its workflow waits
 * for a retry (or for the poller), and this process sends the rows of one workflow one after the other.
 * (Two replicas sending fresh rows of one workflow at the same instant may deliver them in either order.)
 */
@Injectable()
export class PaymentSignalRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(PaymentSignalRelay.name);
  private readonly work = new BackgroundWork(this.log, 'payment signal relay');
  /** Per workflow, the sends of this process still running (the next batch of that workflow waits for them). */
  private readonly sending = new Map<string, Promise<boolean>>();
  /** Rows sent after their booking whose "forwarded" mark waits for the next booking transaction ({@link takeQueuedMarks}). */
  private queuedMarks: string[] = [];
  private markTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_SIGNAL_SENDER) private readonly sender: PaymentSignalSender,
    @Inject(PAYMENT_RELAY_OPTIONS) private readonly options: PaymentRelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.work.startPolling(async () => (await this.relayDue()) >= this.options.batchSize, this.options.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.work.stop();
    clearTimeout(this.markTimer);
    await this.markForwarded(this.dataSource.manager, this.takeQueuedMarks());
  }

  /** The lease a freshly written row starts with: its writer sends it, the poller leaves it alone meanwhile. */
  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /**
   * Sends the rows a transaction wrote and claimed (what `LedgerBatch.flush` returned) now, in the background,
   * once that transaction has committed.
   */
  dispatch(claimed: readonly ClaimedSignal[]): void {
    if (claimed.length > 0) this.work.track(this.deliver(claimed, (ids) => this.queueMarks(ids)));
  }

  /**
   * The "forwarded" marks queued by dispatches, for the caller to write in its transaction (the next booking) with
   * {@link markForwarded}; should that transaction fail, the caller gives them back with {@link queueMarks}.
   */
  takeQueuedMarks(): string[] {
    return this.queuedMarks.splice(0);
  }

  /** Queues "forwarded" marks for the next booking transaction, or on their own after `forwardedMarkDelayMs`. */
  queueMarks(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.queuedMarks.push(...ids);
    if (this.markTimer || this.work.isStopped) return;
    this.markTimer = setTimeout(() => {
      this.markTimer = undefined;
      const marks = this.takeQueuedMarks();
      this.work.track(this.markForwarded(this.dataSource.manager, marks).catch((error: unknown) => {
        this.queueMarks(marks);
        throw error;
      }));
    }, this.options.forwardedMarkDelayMs);
  }

  /** Claims and sends every due row once (up to `batchSize`); returns how many were claimed. */
  async relayDue(): Promise<number> {
    const [rows]: [ClaimedSignal[]] = await this.dataSource.query(
      `UPDATE payment_signals SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (SELECT s.id FROM payment_signals s
                      WHERE s.status = 'pending' AND s.next_attempt_at <= now() AND NOT ${earlierPending('e.next_attempt_at > now()')}
                      ORDER BY s.seq LIMIT $1 FOR UPDATE SKIP LOCKED)
        ${CLAIMED_SIGNAL_COLUMNS}`,
      [this.options.batchSize, this.options.leaseMs],
    );
    await this.deliver(rows, (ids) => this.markForwarded(this.dataSource.manager, ids));
    return rows.length;
  }

  /**
   * Sends the claimed rows (each workflow's in order, workflows concurrently) and records the outcome: the
   * forwarded rows through `markSent` (a statement now, or queued for the next booking), the failed ones in one
   * statement. A row whose lease is half gone before it is sent (an overloaded process) is
   * left to the poller, which takes it once the lease ends, so no row is sent twice.
   */
  private async deliver(claimed: readonly ClaimedSignal[], markSent: (ids: string[]) => Promise<void> | void): Promise<void> {
    const rows = claimed.filter((row) => row.lease_ends_at - Date.now() > this.options.leaseMs / 2);
    if (rows.length === 0) return;
    const byWorkflow = new Map<string, ClaimedSignal[]>();
    for (const row of [...rows].sort((a, b) => a.seq - b.seq)) byWorkflow.set(row.workflow_id, [...(byWorkflow.get(row.workflow_id) ?? []), row]);
    const forwarded: ClaimedSignal[] = [];
    const failed: FailedSignal[] = [];
    await Promise.all([...byWorkflow.entries()].map(([workflowId, queue]) => this.sendAfterEarlier(workflowId, queue, forwarded, failed)));
    if (forwarded.length > 0) await markSent(forwarded.map((row) => row.id));
    if (failed.length > 0) await this.retryLater(failed);
  }

  /**
   * Sends one workflow's rows in order, after the rows of that workflow this process is sending already;
   * after a failure the rest wait for the retry. Resolves whether all were delivered.
   */
  private sendAfterEarlier(workflowId: string, queue: readonly ClaimedSignal[], forwarded: ClaimedSignal[], failed: FailedSignal[]): Promise<boolean> {
    const earlier = this.sending.get(workflowId) ?? Promise.resolve(true);
    const sending = earlier.then(async (earlierDelivered) => {
      for (const [index, row] of queue.entries()) {
        const reason = earlierDelivered ? await this.send(row) : 'an earlier signal of this workflow is not delivered yet';
        if (reason !== undefined) {
          failed.push(...queue.slice(index).map((later) => ({ row: later, reason })));
          return false;
        }
        forwarded.push(row);
        lunasMetrics.relayLag.observe(Math.max(0, Date.now() - row.created_at_ms) / 1000);
      }
      return true;
    });
    this.sending.set(workflowId, sending);
    void sending.finally(() => {
      if (this.sending.get(workflowId) === sending) this.sending.delete(workflowId);
    });
    return sending;
  }

  /** Sends one row (in the trace of the webhook request behind it, if any); returns why it failed, or undefined. */
  private async send(row: ClaimedSignal): Promise<string | undefined> {
    const send = () => this.sender.send(row.workflow_id, { kind: row.kind, payload: row.payload } as OutboxSignal, this.options.sendTimeoutMs);
    try {
      if (row.trace_parent) await inSpanAfter('payment signal relay', row.trace_parent, { 'lunas.signal.kind': row.kind, 'lunas.signal.attempt': row.attempts }, send);
      else await send();
      return undefined;
    } catch (error) {
      return messageOf(error);
    }
  }

  /** The rows and their inbox rows (once every signal of the event is out; parked events stay parked) are forwarded. */
  async markForwarded(m: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `WITH s AS (UPDATE payment_signals SET status = 'forwarded', forwarded_at = now(), last_error = NULL
                   WHERE id = ANY($1::uuid[]) RETURNING payment_event_id, attempts)
       UPDATE payment_events e SET status = 'forwarded', forwarded_at = now(), attempts = s.attempts, last_error = NULL, next_attempt_at = NULL
         FROM s
        WHERE e.id = s.payment_event_id AND e.status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM payment_signals o WHERE o.payment_event_id = e.id AND o.status <> 'forwarded' AND o.id <> ALL($1::uuid[]))`,
      [ids],
    );
  }

  private async retryLater(failed: readonly FailedSignal[]): Promise<void> {
    const rows = failed.map(({ row, reason }) => {
      const gaveUp = row.attempts >= this.options.maxAttempts;
      if (gaveUp) this.log.error(`${row.kind} for ${row.workflow_id} failed after ${row.attempts} attempts: ${reason}`);
      return { id: row.id, status: gaveUp ? 'failed' : 'pending', reason, delay_ms: retryDelayMs(this.options, row.attempts) };
    });
    const source = rowsSource({ id: 'uuid', status: 'varchar', reason: 'text', delay_ms: 'double precision' }, rows);
    await this.dataSource.query(
      `WITH s AS (UPDATE payment_signals p SET status = v.status, last_error = v.reason, next_attempt_at = now() + make_interval(secs => v.delay_ms / 1000)
                    FROM ${source.from} WHERE p.id = v.id
                  RETURNING p.payment_event_id, p.attempts, v.status, v.reason, v.delay_ms)
       UPDATE payment_events e SET status = s.status, attempts = s.attempts, last_error = s.reason, next_attempt_at = now() + make_interval(secs => s.delay_ms / 1000)
         FROM s WHERE e.id = s.payment_event_id AND e.status = 'pending'`,
      source.params,
    );
  }
}
