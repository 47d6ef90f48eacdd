import type { NormalisedPaymentEvent, PaymentEventKind } from '../gateway/events';
import type { CreatedPayment, CreatePaymentRequest, PaymentGatewayPort, PaymentMethod, WebhookHeaders, WebhookVerification } from '../gateway/port';
import { asSecret, type Secret } from '../config/secret';
import { constantTimeEqual } from '../shared/crypto';
import { headerValue } from '../shared/headers';
import { basicAuth, type FetchLike, requestJson } from '../shared/http';
import { isoInstant, MalformedPayloadError, PayloadReader, readGatewayResponse } from '../shared/payload';
import { validateCreatePayment } from '../shared/request-validation';
import { parseAuthenticated, parseJsonObject, rejected } from '../shared/webhook-result';

export const XENDIT_BASE_URL = 'https://api.xendit.co';
export const XENDIT_CALLBACK_TOKEN_HEADER = 'x-callback-token';

/** Invoice `payment_methods[]` offered per Lunas method. */
const INVOICE_PAYMENT_METHODS: Readonly<Record<PaymentMethod, readonly string[]>> = {
  va: ['BCA', 'BNI', 'BRI', 'MANDIRI', 'PERMATA'],
  qris: ['QRIS'],
  ewallet: ['OVO', 'DANA', 'SHOPEEPAY', 'LINKAJA'],
  card: ['CREDIT_CARD'],
};

export interface XenditGatewayOptions {
  /** API secret key (Basic auth username, empty password). */
  readonly secretKey: Secret | string;
  /** "Callback verification token" from Dashboard → Settings → Callbacks. */
  readonly callbackToken: Secret | string;
  readonly fetch: FetchLike;
  /** Overrides https://api.xendit.co (tests point it at a local fake server). */
  readonly baseUrl?: string;
}

/**
 * Xendit adapter. Payments are created as Invoices (the hosted page offers VA, QRIS, e-wallet or card);
 * webhooks carry `x-callback-token`, and invoice, fixed-VA-paid and QR-payment callbacks are understood.
 */
export class XenditGateway implements PaymentGatewayPort {
  readonly gateway = 'xendit' as const;
  private readonly secretKey: Secret;
  private readonly callbackToken: Secret;
  private readonly baseUrl: string;

  constructor(private readonly options: XenditGatewayOptions) {
    this.secretKey = asSecret(options.secretKey);
    this.callbackToken = asSecret(options.callbackToken);
    this.baseUrl = options.baseUrl ?? XENDIT_BASE_URL;
  }

  async createPayment(request: CreatePaymentRequest): Promise<CreatedPayment> {
    const seconds = validateCreatePayment(request);
    const methods = request.method === 'va' && request.bank ? [request.bank.toUpperCase()] : INVOICE_PAYMENT_METHODS[request.method];
    const body = {
      external_id: request.invoiceRef,
      amount: request.amount,
      description: request.description,
      invoice_duration: seconds,
      currency: 'IDR',
      payer_email: request.customer.email,
      customer: {
        given_names: request.customer.name,
        email: request.customer.email,
        mobile_number: request.customer.phone ? `+${request.customer.phone}` : undefined,
      },
      payment_methods: methods,
    };
    const response = await requestJson(this.options.fetch, this.gateway, `${this.baseUrl}/v2/invoices`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(body),
    });
    return readGatewayResponse(this.gateway, () => {
      const reader = new PayloadReader(response);
      return {
        gateway: this.gateway,
        gatewayReference: reader.string('id'),
        payUrl: reader.string('invoice_url'),
        expiresAt: isoInstant(reader.string('expiry_date'), 'expiry_date'),
      };
    });
  }

  verifyAndParseWebhook(rawBody: Buffer, headers: WebhookHeaders, _now: Date): WebhookVerification {
    const token = headerValue(headers, XENDIT_CALLBACK_TOKEN_HEADER);
    if (!token) return rejected('missing_signature', `${XENDIT_CALLBACK_TOKEN_HEADER} header absent`);
    if (!constantTimeEqual(token, this.callbackToken.reveal())) return rejected('bad_signature', `${XENDIT_CALLBACK_TOKEN_HEADER} mismatch`);
    const parsed = parseJsonObject(rawBody);
    if ('error' in parsed) return rejected('malformed_payload', parsed.error);
    return parseAuthenticated(() => [xenditCallbackEvent(new PayloadReader(parsed.value), parsed.value)]);
  }

  /** GET /v2/invoices/{id}: the invoice object has the invoice callback's fields. */
  async fetchStatus(reference: string): Promise<NormalisedPaymentEvent> {
    const response = await requestJson(this.options.fetch, this.gateway, `${this.baseUrl}/v2/invoices/${encodeURIComponent(reference)}`, {
      method: 'GET',
      headers: this.headers(),
    });
    return readGatewayResponse(this.gateway, () => invoiceEvent(new PayloadReader(response), response));
  }

  private headers(): Record<string, string> {
    return { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basicAuth(this.secretKey.reveal()) };
  }

}

/** Recognises the callback by shape: QR (`event: qr.payment`), fixed VA paid (`callback_virtual_account_id`), invoice (`user_id` + `status`). */
function xenditCallbackEvent(reader: PayloadReader, raw: unknown): NormalisedPaymentEvent {
  if (reader.optionalString('event') === 'qr.payment') return qrPaymentEvent(reader.object('data'), raw);
  if (reader.has('callback_virtual_account_id')) return fixedVaPaidEvent(reader, raw);
  if (reader.has('user_id') && reader.has('status')) return invoiceEvent(reader, raw);
  throw new MalformedPayloadError('unrecognised Xendit callback (not invoice, fixed VA or QR payment)');
}

const INVOICE_KINDS: Readonly<Record<string, PaymentEventKind>> = { PENDING: 'pending', PAID: 'paid', SETTLED: 'paid', EXPIRED: 'expired' };

function invoiceEvent(reader: PayloadReader, raw: unknown): NormalisedPaymentEvent {
  const id = reader.string('id');
  const status = reader.string('status');
  const kind = INVOICE_KINDS[status];
  if (!kind) throw new MalformedPayloadError(`unknown invoice status '${status}'`);
  const paymentMethod = reader.optionalString('payment_method');
  return {
    gateway: 'xendit',
    eventId: `invoice:${id}:${status}`,
    gatewayTransactionId: id,
    orderId: reader.string('external_id'),
    vaNumber: paymentMethod === 'BANK_TRANSFER' ? reader.optionalString('payment_destination') : undefined,
    paymentMethod: reader.optionalString('payment_channel') ?? paymentMethod,
    amount: reader.has('paid_amount') ? reader.rupiah('paid_amount') : reader.rupiah('amount'),
    kind,
    occurredAt: isoInstant(reader.optionalString('paid_at') ?? reader.string('updated'), 'paid_at'),
    raw,
  };
}

function fixedVaPaidEvent(reader: PayloadReader, raw: unknown): NormalisedPaymentEvent {
  const paymentId = reader.string('payment_id');
  return {
    gateway: 'xendit',
    eventId: `fva_payment:${paymentId}`,
    gatewayTransactionId: paymentId,
    orderId: reader.string('external_id'),
    vaNumber: reader.string('account_number'),
    paymentMethod: `VA_${reader.string('bank_code')}`,
    amount: reader.rupiah('amount'),
    kind: 'paid',
    occurredAt: isoInstant(reader.string('transaction_timestamp'), 'transaction_timestamp'),
    raw,
  };
}

const QR_KINDS: Readonly<Record<string, PaymentEventKind>> = { SUCCEEDED: 'paid', FAILED: 'failed' };

function qrPaymentEvent(data: PayloadReader, raw: unknown): NormalisedPaymentEvent {
  const id = data.string('id');
  const status = data.string('status');
  const kind = QR_KINDS[status];
  if (!kind) throw new MalformedPayloadError(`unknown QR payment status '${status}'`);
  return {
    gateway: 'xendit',
    eventId: `qr_payment:${id}:${status}`,
    gatewayTransactionId: id,
    orderId: data.string('reference_id'),
    paymentMethod: data.optionalString('channel_code') ?? 'QRIS',
    amount: data.rupiah('amount'),
    kind,
    occurredAt: isoInstant(data.string('created'), 'data.created'),
    raw,
  };
}
