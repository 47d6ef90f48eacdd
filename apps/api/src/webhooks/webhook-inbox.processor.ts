import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_ACCOUNT_ID, type NormalisedPaymentEvent } from '@lunas/payments';
import type { ClaimedSignal } from '@lunas/persistence';
import { lunasMetrics, spansAfter } from '@lunas/observability';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { BackgroundWork, messageOf } from '../payments/background-work';
import { GatewayPaymentService, InboxEventError, type InboxEvent } from '../payments/gateway-payment.service';
import { PAYMENT_RELAY_OPTIONS, PaymentSignalRelay, retryDelayMs, type PaymentRelayOptions } from '../payments/payment-signal.relay';
import { InboxWakeups } from './inbox-wakeups';

interface UnbookedEvent {
  id: string;
  event: NormalisedPaymentEvent | null;
  account_id: string | null;
  /** The storing request's `traceparent` (traces on): the event's booking span continues that trace. */
  trace_parent: string | null;
}

/** Which unbooked rows a booking transaction claims. */
interface Claim {
  /** Only these rows (booking one event alone); otherwise the oldest due rows. */
  readonly only?: readonly string[];
  /** Rows left out (they failed in this batch and are booked alone). */
  readonly excluded: readonly string[];
}

/**
 * Books the webhook inbox (ARCHITECTURE "Webhooks are a transactional inbox") in batches: one
 * transaction claims up to `batchSize` unbooked, due rows (oldest first, `FOR UPDATE SKIP LOCKED`),
 * books them in received order through {@link GatewayPaymentService} (payments, allocations, invoices,
 * outbox signals, audit; or parks them for Finance) with their `booked_at` stamps in the same write, and
 * dispatches the new signals after commit; the same transaction writes the "forwarded" marks of the signals
 * dispatched before ({@link PaymentSignalRelay.takeQueuedMarks}). A request that stored an event wakes the booking loop
 * of every process that books ({@link wake}, through the intake's `NOTIFY`: {@link InboxWakeups}), which books batches
 * until a batch comes back short; a poll does the same every `intervalMs` (events another replica left, retries after
 * backoff). It runs in the API, or only in the booking process when `LUNAS_PAYMENT_BOOKING=separate`. When an event cannot be booked, the
 * rest of its batch is booked without it and the event alone is retried later with backoff. Any number
 * of replicas may run: a row is booked by whoever locks it first, the others skip it.
 */
@Injectable()
export class WebhookInboxProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(WebhookInboxProcessor.name);
  private readonly work = new BackgroundWork(this.log, 'webhook inbox booking');
  /** Booking loops running in this process (at most `bookingConcurrency`). */
  private loops = 0;
  /** Set by a wake: a loop takes one more batch before it stops. */
  private wanted = false;
  private readonly wakeups: InboxWakeups;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gatewayPayments: GatewayPaymentService,
    private readonly relay: PaymentSignalRelay,
    @Inject(PAYMENT_RELAY_OPTIONS) private readonly options: PaymentRelayOptions,
  ) {
    this.wakeups = new InboxWakeups(dataSource, () => this.wake(), this.log);
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.work.track(this.wakeups.listen());
    this.work.startPolling(async () => {
      await this.wakeups.listen();
      return (await this.bookDue()) >= this.options.batchSize;
    }, this.options.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.work.stop();
    await this.wakeups.close();
  }

  /** New rows are committed (a notification of the intake): book them in the background. */
  wake(): void {
    this.wanted = true;
    if (this.loops >= this.options.bookingConcurrency || this.work.isStopped) return;
    this.loops += 1;
    this.work.track(this.loop().finally(() => (this.loops -= 1)));
  }

  /** Books one batch of the oldest due events; returns how many rows it claimed. */
  bookDue(): Promise<number> {
    return this.bookBatch({ excluded: [] });
  }

  /**
   * Books while wakes keep coming. Before a batch it waits `bookingCoalesceMs` (unless the previous batch was full), so
   * that the events stored meanwhile are booked by one transaction: one commit and one set of statements for several
   * payments (0 ms: only the rest of this turn of the event loop).
   */
  private async loop(): Promise<void> {
    let full = false;
    while (this.wanted && !this.work.isStopped) {
      if (!full) await (this.options.bookingCoalesceMs > 0 ? sleep(this.options.bookingCoalesceMs) : nextTurn());
      if (this.work.isStopped) return;
      this.wanted = false;
      full = (await this.bookDue()) >= this.options.batchSize;
      if (full) this.wanted = true;
    }
  }

  /**
   * Claims and books one batch. If one event's application throws, the batch is booked again without it
   * and the event alone; any other failure (a constraint, a concurrent insert) books each event alone.
   * An event that fails alone is retried later.
   */
  private async bookBatch(claim: Claim): Promise<number> {
    let claimed: string[] = [];
    let spans: ReturnType<typeof spansAfter> | undefined;
    // The previous batches' "forwarded" marks ride with this transaction: one commit fewer per batch.
    const marks = this.relay.takeQueuedMarks();
    try {
      const signals = await this.dataSource.transaction(async (m) => {
        const rows = await this.claim(m, claim);
        claimed = rows.map((row) => row.id);
        spans = spansAfter('webhook inbox booking', rows.map((row) => row.trace_parent), { 'lunas.inbox.batch_size': rows.length });
        await this.relay.markForwarded(m, marks);
        return rows.length === 0 ? [] : this.book(m, rows);
      });
      spans?.end();
      this.relay.dispatch(signals);
      lunasMetrics.paymentsBooked.inc({ source: 'gateway' }, signals.filter((signal) => signal.kind === 'payment_received').length);
      return claimed.length;
    } catch (error) {
      spans?.end(error);
      this.relay.queueMarks(marks);
      if (claimed.length === 0) throw error;
      if (claimed.length === 1) {
        await this.retryLater(claimed[0], messageOf(error));
      } else if (error instanceof InboxEventError) {
        await this.bookBatch({ only: [error.inboxId], excluded: [] });
        await this.bookBatch({ ...claim, excluded: [...claim.excluded, error.inboxId] });
      } else {
        for (const id of claimed) await this.bookBatch({ only: [id], excluded: [] });
      }
      return claimed.length;
    }
  }

  private claim(m: EntityManager, { only, excluded }: Claim): Promise<UnbookedEvent[]> {
    return m.query(
      `SELECT id, event, account_id, trace_parent FROM payment_events
        WHERE booked_at IS NULL AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) AND id <> ALL($3::uuid[])
        ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.options.batchSize, only ?? null, excluded],
    );
  }

  /** Books the claimed rows (their stamps are written with the batch); returns the outbox rows to dispatch. */
  private book(m: EntityManager, rows: readonly UnbookedEvent[]): Promise<ClaimedSignal[]> {
    const events = rows.map((row): InboxEvent => {
      if (!row.event) throw new InboxEventError(row.id, new Error('the inbox row holds no normalised event'));
      return { id: row.id, event: row.event, accountId: row.account_id ?? DEFAULT_ACCOUNT_ID };
    });
    return this.gatewayPayments.book(m, events);
  }

  private async retryLater(id: string, reason: string): Promise<void> {
    const [[row]]: [Array<{ attempts: number }>] = await this.dataSource.query(
      `UPDATE payment_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND booked_at IS NULL RETURNING attempts`,
      [id, reason],
    );
    if (!row) return;
    const gaveUp = row.attempts >= this.options.maxAttempts;
    if (gaveUp) this.log.error(`payment event ${id} could not be booked after ${row.attempts} attempts: ${reason}`);
    else this.log.warn(`payment event ${id} not booked (attempt ${row.attempts}), retrying: ${reason}`);
    await this.dataSource.query(
      `UPDATE payment_events SET status = $2, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
      [id, gaveUp ? 'failed' : 'pending', retryDelayMs(this.options, row.attempts)],
    );
  }
}
