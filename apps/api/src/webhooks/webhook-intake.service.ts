import { BadRequestException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_ACCOUNT_ID, isGatewayName, PaymentGatewayRegistry, type NormalisedPaymentEvent, type WebhookHeaders } from '@lunas/payments';
import { DataSource } from 'typeorm';
import { GatewayPaymentService, type GatewayEventResult } from '../payments/gateway-payment.service';
import { PaymentSignalRelay } from '../payments/payment-signal.relay';
import { PaymentsErrorCode, PaymentsException } from '../payments/payments.exception';

/** Answer to the gateway: how many events the notification carried and how many were seen before. */
export interface WebhookAck {
  received: number;
  duplicates: number;
}

/** Request headers never stored with an inbox row. */
const UNSTORED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * The webhook inbox (ARCHITECTURE "Webhooks are a transactional inbox"): signature on the raw body →
 * one transaction per event that inserts the inbox row (unique per gateway and event id; a duplicate
 * stops there) and books the payment with its outbox signal → 2xx. Signals go out after commit without
 * the gateway waiting for Temporal; the relay retries whatever did not get through.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly securityLog = new Logger('WebhookSecurity');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: PaymentGatewayRegistry,
    private readonly gatewayPayments: GatewayPaymentService,
    private readonly relay: PaymentSignalRelay,
  ) {}

  async receive(gateway: string, rawBody: Buffer | undefined, headers: WebhookHeaders, sourceIp: string | undefined): Promise<WebhookAck> {
    if (!isGatewayName(gateway)) throw new PaymentsException(PaymentsErrorCode.UnknownGateway);
    const verification = this.registry.verifyWebhook(gateway, rawBody ?? Buffer.alloc(0), headers, new Date());
    if (!verification.ok) {
      const { reason, detail } = verification.rejection;
      this.securityLog.warn({ msg: 'webhook rejected', security: true, gateway, reason, detail, sourceIp });
      if (reason === 'malformed_payload') throw new BadRequestException(`Isi notifikasi tidak dapat dibaca: ${detail}`);
      throw new UnauthorizedException('Tanda tangan webhook tidak valid');
    }
    const tenantId = verification.accountId === DEFAULT_ACCOUNT_ID ? undefined : verification.accountId;
    const body = (rawBody ?? Buffer.alloc(0)).toString('utf8');
    const stored = storedHeaders(headers);
    const signals: string[] = [];
    let duplicates = 0;
    for (const event of verification.events) {
      const result = await this.store(event, body, stored, tenantId);
      if (!result) duplicates += 1;
      else if (result.status === 'pending') signals.push(result.signalId);
    }
    this.relay.dispatch(signals);
    return { received: verification.events.length, duplicates };
  }

  /** Inbox row + booking in one transaction; undefined when the event was stored before. */
  private store(event: NormalisedPaymentEvent, body: string, headers: Record<string, string | string[]>, tenantId: string | undefined): Promise<GatewayEventResult | undefined> {
    return this.dataSource.transaction(async (m) => {
      const [inserted]: Array<{ id: string }> = await m.query(
        `INSERT INTO payment_events (gateway, event_id, raw_body, headers) VALUES ($1, $2, $3, $4)
           ON CONFLICT (gateway, event_id) DO NOTHING RETURNING id`,
        [event.gateway, event.eventId, body, headers],
      );
      if (!inserted) return undefined;
      const result = await this.gatewayPayments.apply(m, event, tenantId, inserted.id);
      if (result.status !== 'pending') {
        await m.query(
          `UPDATE payment_events SET status = $2::varchar, last_error = $3, forwarded_at = CASE WHEN $2::varchar = 'forwarded' THEN now() END WHERE id = $1`,
          [inserted.id, result.status, result.status === 'parked' ? result.reason : null],
        );
      }
      return result;
    });
  }
}

function storedHeaders(headers: WebhookHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !UNSTORED_HEADERS.has(name.toLowerCase())) kept[name] = typeof value === 'string' ? value : [...value];
  }
  return kept;
}
