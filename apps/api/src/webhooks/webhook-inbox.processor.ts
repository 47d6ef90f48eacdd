import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_ACCOUNT_ID, type NormalisedPaymentEvent } from '@lunas/payments';
import { DataSource } from 'typeorm';
import { BackgroundWork, messageOf } from '../payments/background-work';
import { GatewayPaymentService } from '../payments/gateway-payment.service';
import { PAYMENT_RELAY_OPTIONS, PaymentSignalRelay, retryDelayMs, type PaymentRelayOptions } from '../payments/payment-signal.relay';

interface UnbookedEvent {
  event: NormalisedPaymentEvent;
  account_id: string | null;
}

/**
 * Books the webhook inbox (ARCHITECTURE "Webhooks are a transactional inbox"): for each stored event,
 * one transaction locks the inbox row (`FOR UPDATE SKIP LOCKED`, only while unbooked), books it through
 * {@link GatewayPaymentService} (payment, allocation, invoice, outbox signal, audit; or parks it for
 * Finance) and stamps `booked_at`; the signal is dispatched after commit. Events are booked by an
 * in-process queue the request kicks ({@link enqueue}) and by a poll that takes whatever is older than
 * the grace period and still unbooked (queue overflow, a crash, a failed booking retried with backoff).
 * Any number of replicas may run: a row is booked by whoever locks it first, the others skip it.
 */
@Injectable()
export class WebhookInboxProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(WebhookInboxProcessor.name);
  private readonly work = new BackgroundWork(this.log, 'webhook inbox booking');
  private readonly queue: string[] = [];
  private active = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gatewayPayments: GatewayPaymentService,
    private readonly relay: PaymentSignalRelay,
    @Inject(PAYMENT_RELAY_OPTIONS) private readonly options: PaymentRelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.work.startPolling(async () => (await this.bookDue()) >= this.options.batchSize, this.options.intervalMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /**
   * Books the given committed inbox rows in the background, starting once the current request's answer
   * is on its way. Rows beyond `bookingQueueLimit` are left to the poll.
   */
  enqueue(eventIds: readonly string[]): void {
    const room = Math.max(this.options.bookingQueueLimit - this.queue.length, 0);
    if (room === 0 || eventIds.length === 0) return;
    this.queue.push(...eventIds.slice(0, room));
    setImmediate(() => this.drain());
  }

  /** Books every unbooked event older than the grace period and due for a (re)try; returns how many it found. */
  async bookDue(): Promise<number> {
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM payment_events
        WHERE booked_at IS NULL AND status = 'pending'
          AND received_at <= now() - make_interval(secs => $2::double precision / 1000)
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        ORDER BY received_at LIMIT $1`,
      [this.options.batchSize, this.options.bookingGraceMs],
    );
    const ids = due.map((row) => row.id);
    const worker = async (): Promise<void> => {
      for (let id = ids.shift(); id !== undefined; id = ids.shift()) await this.book(id);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.bookingConcurrency, ids.length) }, worker));
    return due.length;
  }

  private drain(): void {
    while (this.active < this.options.bookingConcurrency && this.queue.length > 0 && !this.work.isStopped) {
      const id = this.queue.shift() as string;
      this.active += 1;
      this.work.track(
        this.book(id).finally(() => {
          this.active -= 1;
          this.drain();
        }),
      );
    }
  }

  /** Books one event unless it is booked or being booked elsewhere; a failure is retried later by the poll. */
  private async book(id: string): Promise<void> {
    let signalId: string | undefined;
    try {
      signalId = await this.dataSource.transaction(async (m) => {
        const [row]: UnbookedEvent[] = await m.query(
          `SELECT event, account_id FROM payment_events WHERE id = $1 AND booked_at IS NULL AND status = 'pending' FOR UPDATE SKIP LOCKED`,
          [id],
        );
        if (!row) return undefined;
        const tenantId = row.account_id === null || row.account_id === DEFAULT_ACCOUNT_ID ? undefined : row.account_id;
        const result = await this.gatewayPayments.apply(m, row.event, tenantId, id);
        await m.query(
          `UPDATE payment_events SET booked_at = now(), status = $2::varchar, last_error = $3, attempts = 0, next_attempt_at = NULL,
                  forwarded_at = CASE WHEN $2::varchar = 'forwarded' THEN now() END
            WHERE id = $1`,
          [id, result.status, result.status === 'parked' ? result.reason : null],
        );
        return result.status === 'pending' ? result.signalId : undefined;
      });
    } catch (error) {
      await this.retryLater(id, messageOf(error));
      return;
    }
    if (signalId) this.relay.dispatch([signalId]);
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
