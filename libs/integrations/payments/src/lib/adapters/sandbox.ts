import { PAYMENT_EVENT_KINDS, type NormalisedPaymentEvent, type PaymentEventKind } from '../gateway/events';
import type { CreatedPayment, CreatePaymentRequest, PaymentGatewayPort, PaymentMethod, VaBank, WebhookHeaders, WebhookVerification } from '../gateway/port';
import { asSecret, type Secret } from '../config/secret';
import { type FetchLike, requestJson } from '../shared/http';
import { isoInstant, MalformedPayloadError, PayloadReader, readGatewayResponse } from '../shared/payload';
import { validateCreatePayment } from '../shared/request-validation';
import { parseAuthenticated, parseJsonObject, rejected } from '../shared/webhook-result';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload, verifySandboxSignature } from './sandbox-signature';

/** Sandbox API paths, served by apps/api next to the pay page `/sandbox/pay/<reference>`. */
export const SANDBOX_API_PATHS = {
  createPayment: '/sandbox/api/payments',
  payment: (reference: string) => `/sandbox/api/payments/${encodeURIComponent(reference)}`,
  payPage: (reference: string) => `/sandbox/pay/${encodeURIComponent(reference)}`,
  webhook: '/webhooks/sandbox',
} as const;

/** Body of `POST /sandbox/api/payments` (signed with X-Lunas-Signature like a webhook). */
export interface SandboxCreatePaymentBody {
  readonly order_id: string;
  readonly method: PaymentMethod;
  readonly bank?: VaBank;
  readonly amount: number;
  readonly description: string;
  readonly customer_name: string;
  /** ISO 8601 instant. */
  readonly expires_at: string;
}

/** Answer of `POST /sandbox/api/payments`. */
export interface SandboxCreatePaymentResponse {
  readonly reference: string;
  readonly pay_url: string;
  readonly va_number?: string;
  readonly qr_string?: string;
  readonly expires_at: string;
}

/** The sandbox payment's state: answer of `GET /sandbox/api/payments/<reference>` and the webhook's `data`. */
export interface SandboxPaymentData {
  readonly reference: string;
  readonly order_id: string;
  readonly status: PaymentEventKind;
  readonly method: PaymentMethod;
  readonly va_number?: string;
  /** Integer rupiah: for `paid`, what the person paid on the pay page (may be part of the invoice). */
  readonly amount: number;
  /** Cumulative refunded amount, for refund kinds. */
  readonly refunded_amount?: number;
  /** ISO 8601 instant of the status change. */
  readonly updated_at: string;
}

/** A webhook the sandbox gateway sends to `/webhooks/sandbox`. */
export interface SandboxWebhookPayload {
  /** Unique per event, kept across retries of the same event. */
  readonly id: string;
  readonly type: `payment.${PaymentEventKind}`;
  readonly created_at: string;
  readonly data: SandboxPaymentData;
}

export interface SandboxGatewayOptions {
  /** Origin of the sandbox gateway, e.g. http://127.0.0.1:3000. */
  readonly baseUrl: string;
  /** Shared secret for X-Lunas-Signature, both directions. */
  readonly secret: Secret | string;
  readonly fetch: FetchLike;
  readonly clock?: () => Date;
}

/**
 * Lunas's own local gateway, the default for `npm start`. It talks the same way real gateways do:
 * signed HTTP to create a payment, a pay page, and timestamped-HMAC webhooks with retries.
 * A partial payment on the pay page is its own transaction (reference), reported as `paid` with the
 * amount actually paid.
 */
export class SandboxGateway implements PaymentGatewayPort {
  readonly gateway = 'sandbox' as const;
  private readonly secret: Secret;
  private readonly clock: () => Date;

  constructor(private readonly options: SandboxGatewayOptions) {
    this.secret = asSecret(options.secret);
    this.clock = options.clock ?? (() => new Date());
  }

  async createPayment(request: CreatePaymentRequest): Promise<CreatedPayment> {
    validateCreatePayment(request);
    const body: SandboxCreatePaymentBody = {
      order_id: request.invoiceRef,
      method: request.method,
      bank: request.bank,
      amount: request.amount,
      description: request.description,
      customer_name: request.customer.name,
      expires_at: request.expiresAt.toISOString(),
    };
    const raw = JSON.stringify(body);
    const response = await requestJson(this.options.fetch, this.gateway, `${this.options.baseUrl}${SANDBOX_API_PATHS.createPayment}`, {
      method: 'POST',
      headers: this.headers(raw, request.now),
      body: raw,
    });
    return readGatewayResponse(this.gateway, () => {
      const reader = new PayloadReader(response);
      return {
        gateway: this.gateway,
        gatewayReference: reader.string('reference'),
        payUrl: reader.string('pay_url'),
        vaNumber: reader.optionalString('va_number'),
        qrString: reader.optionalString('qr_string'),
        expiresAt: isoInstant(reader.string('expires_at'), 'expires_at'),
      };
    });
  }

  verifyAndParseWebhook(rawBody: Buffer, headers: WebhookHeaders, now: Date): WebhookVerification {
    const rejection = verifySandboxSignature(rawBody, headers, this.secret.reveal(), now);
    if (rejection) return { ok: false, rejection };
    const parsed = parseJsonObject(rawBody);
    if ('error' in parsed) return rejected('malformed_payload', parsed.error);
    return parseAuthenticated(() => {
      const reader = new PayloadReader(parsed.value);
      const event = sandboxEvent(reader.object('data'), parsed.value, reader.string('id'));
      if (reader.string('type') !== `payment.${event.kind}`) throw new MalformedPayloadError(`type does not match data.status '${event.kind}'`);
      return [event];
    });
  }

  async fetchStatus(reference: string): Promise<NormalisedPaymentEvent> {
    const response = await requestJson(this.options.fetch, this.gateway, `${this.options.baseUrl}${SANDBOX_API_PATHS.payment(reference)}`, {
      method: 'GET',
      headers: this.headers('', this.clock()),
    });
    return readGatewayResponse(this.gateway, () => {
      const reader = new PayloadReader(response);
      return sandboxEvent(reader, response, `status:${reader.string('reference')}:${reader.string('status')}:${reader.string('updated_at')}`);
    });
  }

  private headers(rawBody: string, now: Date): Record<string, string> {
    return {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(rawBody, this.secret.reveal(), now),
    };
  }

}

function sandboxEvent(data: PayloadReader, raw: unknown, eventId: string): NormalisedPaymentEvent {
  const status = data.string('status');
  if (!(PAYMENT_EVENT_KINDS as readonly string[]).includes(status)) throw new MalformedPayloadError(`unknown status '${status}'`);
  const reference = data.string('reference');
  return {
    gateway: 'sandbox',
    eventId,
    gatewayTransactionId: reference,
    orderId: data.string('order_id'),
    vaNumber: data.optionalString('va_number'),
    paymentMethod: data.string('method'),
    amount: data.rupiah('amount'),
    refundedAmount: data.has('refunded_amount') ? data.rupiah('refunded_amount') : undefined,
    kind: status as PaymentEventKind,
    occurredAt: isoInstant(data.string('updated_at'), 'data.updated_at'),
    raw,
  };
}
