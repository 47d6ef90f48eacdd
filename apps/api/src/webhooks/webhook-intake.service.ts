import { BadRequestException, Injectable, Logger, OnApplicationShutdown, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isGatewayName, PaymentGatewayRegistry, redactWebhookHeaders, type NormalisedPaymentEvent, type WebhookHeaders } from '@lunas/payments';
import { currentTraceParent, lunasMetrics } from '@lunas/observability';
import { DataSource } from 'typeorm';
import { PaymentsErrorCode, PaymentsException } from '../payments/payments.exception';
import { InboxNotifier } from './inbox-notifier';

/** Answer to the gateway: how many events the notification carried and how many were seen before. */
export interface WebhookAck {
  received: number;
  duplicates: number;
}

/** Columns of one inbox row as the request writes it. */
const INBOX_COLUMNS = ['gateway', 'event_id', 'raw_body', 'headers', 'event', 'account_id', 'trace_parent'] as const;

/**
 * The webhook inbox (ARCHITECTURE "Webhooks are a transactional inbox"): signature on the raw body →
 * one `INSERT … ON CONFLICT DO NOTHING` of the verified, normalised events (unique per gateway, signing
 * account and event id; a duplicate stops there, and no account can pre-empt another's event) → 2xx; new rows wake the
 * booking loops after their commit ({@link InboxNotifier}). Booking and signalling happen after the answer, in the
 * `WebhookInboxProcessor` of this or another process, so the gateway waits for one round trip only.
 */
@Injectable()
export class WebhookIntakeService implements OnApplicationShutdown {
  private readonly securityLog = new Logger('WebhookSecurity');
  private readonly notifier: InboxNotifier;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: PaymentGatewayRegistry,
  ) {
    this.notifier = new InboxNotifier(dataSource, new Logger(WebhookIntakeService.name));
  }

  onApplicationShutdown(): Promise<void> {
    return this.notifier.settled();
  }

  async receive(gateway: string, rawBody: Buffer | undefined, headers: WebhookHeaders, sourceIp: string | undefined): Promise<WebhookAck> {
    if (!isGatewayName(gateway)) throw new PaymentsException(PaymentsErrorCode.UnknownGateway);
    const body = rawBody ?? Buffer.alloc(0);
    const verification = this.registry.verifyWebhook(gateway, body, headers, new Date());
    if (!verification.ok) {
      const { reason, detail } = verification.rejection;
      this.securityLog.warn({ msg: 'webhook rejected', security: true, gateway, reason, detail, sourceIp });
      lunasMetrics.webhookEvents.inc({ gateway, outcome: 'rejected' });
      if (reason === 'malformed_payload') throw new BadRequestException(`Isi notifikasi tidak dapat dibaca: ${detail}`);
      throw new UnauthorizedException('Tanda tangan webhook tidak valid');
    }
    const { events, accountId } = verification;
    const stored = await this.store(events, body.toString('utf8'), redactWebhookHeaders(headers), accountId);
    if (stored.length > 0) this.notifier.notify();
    lunasMetrics.webhookEvents.inc({ gateway, outcome: 'stored' }, stored.length);
    lunasMetrics.webhookEvents.inc({ gateway, outcome: 'duplicate' }, events.length - stored.length);
    return { received: events.length, duplicates: events.length - stored.length };
  }

  /** One statement for all events of the notification; returns the ids of the rows that are new. */
  private async store(events: readonly NormalisedPaymentEvent[], body: string, headers: Record<string, string | string[]>, accountId: string): Promise<string[]> {
    if (events.length === 0) return [];
    const values = events.map((_, i) => `(${INBOX_COLUMNS.map((__, c) => `$${i * INBOX_COLUMNS.length + c + 1}`).join(', ')})`);
    // The request's trace continues from the row: booking and signalling happen later, in other tasks.
    const traceParent = currentTraceParent();
    const parameters = events.flatMap((event) => [event.gateway, event.eventId, body, JSON.stringify(headers), JSON.stringify(event), accountId, traceParent]);
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO payment_events (${INBOX_COLUMNS.join(', ')}) VALUES ${values.join(', ')}
         ON CONFLICT (gateway, account_id, event_id) DO NOTHING RETURNING id`,
      parameters,
    );
    return inserted.map((row) => row.id);
  }
}
