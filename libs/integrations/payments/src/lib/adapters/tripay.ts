import { PaymentsError } from '../gateway/errors';
import type { NormalisedPaymentEvent, PaymentEventKind } from '../gateway/events';
import type { CreatedPayment, CreatePaymentRequest, GatewayEnvironment, PaymentGatewayPort, PaymentMethod, VaBank, WebhookHeaders, WebhookVerification } from '../gateway/port';
import { asSecret, type Secret } from '../config/secret';
import { constantTimeEqual, hmacSha256Hex } from '../shared/crypto';
import { headerValue } from '../shared/headers';
import { type FetchLike, requestJson } from '../shared/http';
import { MalformedPayloadError, PayloadReader, readGatewayResponse } from '../shared/payload';
import { validateCreatePayment } from '../shared/request-validation';
import { accepted, parseAuthenticated, parseJsonObject, rejected } from '../shared/webhook-result';

export const TRIPAY_BASE_URLS: Readonly<Record<GatewayEnvironment, string>> = {
  sandbox: 'https://tripay.co.id/api-sandbox',
  production: 'https://tripay.co.id/api',
};
export const TRIPAY_SIGNATURE_HEADER = 'x-callback-signature';
export const TRIPAY_EVENT_HEADER = 'x-callback-event';
/** The only callback event Tripay's own handler acts on. */
export const TRIPAY_PAYMENT_STATUS_EVENT = 'payment_status';

/** Tripay channel codes per VA bank (closed payment). */
const VA_CHANNELS: Readonly<Record<VaBank, string>> = {
  bca: 'BCAVA',
  bni: 'BNIVA',
  bri: 'BRIVA',
  mandiri: 'MANDIRIVA',
  permata: 'PERMATAVA',
};

/** Tripay channel code per non-VA method, e.g. `{ ewallet: 'DANA' }`. */
export type TripayChannels = Partial<Record<Exclude<PaymentMethod, 'va'>, string>>;

export interface TripayGatewayOptions {
  readonly merchantCode: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey: Secret | string;
  /** Signs transaction requests and callbacks (HMAC-SHA256). */
  readonly privateKey: Secret | string;
  readonly environment: GatewayEnvironment;
  readonly fetch: FetchLike;
  /**
   * Channel code per method when not a VA bank: default `{ qris: 'QRIS' }`; `ewallet` and `card`
   * are offered only when configured (e.g. `{ ewallet: 'DANA' }`).
   */
  readonly channels?: TripayChannels;
  /** Bank for `va` when the request names none. Default `bri` (BRIVA). */
  readonly defaultBank?: VaBank;
  /** Per-transaction callback URL; when absent Tripay uses the one set on the Merchant page. */
  readonly callbackUrl?: string;
  /** Source of "now" for status answers without a `paid_at`. */
  readonly clock?: () => Date;
  /** Overrides the environment's base URL (tests point it at a local fake server). */
  readonly baseUrl?: string;
}

/** Transaction request signature: HMAC-SHA256(merchantCode + merchantRef + amount, privateKey), hex. */
export function tripayTransactionSignature(merchantCode: string, merchantRef: string, amount: number, privateKey: string): string {
  return hmacSha256Hex(privateKey, `${merchantCode}${merchantRef}${amount}`);
}

/** Callback signature: HMAC-SHA256 of the exact raw JSON body with the private key, hex. */
export function tripayCallbackSignature(rawBody: Buffer | string, privateKey: string): string {
  return hmacSha256Hex(privateKey, rawBody);
}

/** Tripay closed-payment adapter. */
export class TripayGateway implements PaymentGatewayPort {
  readonly gateway = 'tripay' as const;
  private readonly apiKey: Secret;
  private readonly privateKey: Secret;
  private readonly baseUrl: string;

  constructor(private readonly options: TripayGatewayOptions) {
    this.apiKey = asSecret(options.apiKey);
    this.privateKey = asSecret(options.privateKey);
    this.baseUrl = options.baseUrl ?? TRIPAY_BASE_URLS[options.environment];
  }

  async createPayment(request: CreatePaymentRequest): Promise<CreatedPayment> {
    validateCreatePayment(request);
    const channel = this.channelFor(request);
    if (!request.customer.email) throw PaymentsError.invalidRequest('Tripay mewajibkan email pelanggan');
    const body = {
      method: channel,
      merchant_ref: request.invoiceRef,
      amount: request.amount,
      customer_name: request.customer.name,
      customer_email: request.customer.email,
      customer_phone: request.customer.phone,
      order_items: [{ name: request.description, price: request.amount, quantity: 1 }],
      callback_url: this.options.callbackUrl,
      expired_time: Math.floor(request.expiresAt.getTime() / 1000),
      signature: tripayTransactionSignature(this.options.merchantCode, request.invoiceRef, request.amount, this.privateKey.reveal()),
    };
    const response = await requestJson(this.options.fetch, this.gateway, `${this.baseUrl}/transaction/create`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(body),
    });
    const data = this.successData(response);
    return readGatewayResponse(this.gateway, () => ({
      gateway: this.gateway,
      gatewayReference: data.string('reference'),
      payUrl: data.optionalString('checkout_url') ?? data.optionalString('pay_url'),
      vaNumber: request.method === 'va' ? data.optionalString('pay_code') : undefined,
      qrString: data.optionalString('qr_string'),
      expiresAt: new Date((data.optionalInteger('expired_time') ?? body.expired_time) * 1000).toISOString(),
    }));
  }

  verifyAndParseWebhook(rawBody: Buffer, headers: WebhookHeaders, now: Date): WebhookVerification {
    const signature = headerValue(headers, TRIPAY_SIGNATURE_HEADER);
    if (!signature) return rejected('missing_signature', `${TRIPAY_SIGNATURE_HEADER} header absent`);
    if (!constantTimeEqual(signature.toLowerCase(), tripayCallbackSignature(rawBody, this.privateKey.reveal()))) {
      return rejected('bad_signature', `${TRIPAY_SIGNATURE_HEADER} mismatch`);
    }
    const event = headerValue(headers, TRIPAY_EVENT_HEADER);
    if (!event) return rejected('malformed_payload', `${TRIPAY_EVENT_HEADER} header absent`);
    if (event !== TRIPAY_PAYMENT_STATUS_EVENT) return accepted([]);
    const parsed = parseJsonObject(rawBody);
    if ('error' in parsed) return rejected('malformed_payload', parsed.error);
    return parseAuthenticated(() => [tripayEvent(new PayloadReader(parsed.value), parsed.value, now)]);
  }

  /** GET /transaction/detail?reference=…; `data` carries the callback's status fields. */
  async fetchStatus(reference: string): Promise<NormalisedPaymentEvent> {
    const response = await requestJson(this.options.fetch, this.gateway, `${this.baseUrl}/transaction/detail?reference=${encodeURIComponent(reference)}`, {
      method: 'GET',
      headers: this.headers(),
    });
    const data = this.successData(response);
    const now = (this.options.clock ?? (() => new Date()))();
    return readGatewayResponse(this.gateway, () => tripayEvent(data, response, now));
  }

  private channelFor(request: CreatePaymentRequest): string {
    if (request.method === 'va') return VA_CHANNELS[request.bank ?? this.options.defaultBank ?? 'bri'];
    const channel = { qris: 'QRIS', ...this.options.channels }[request.method];
    if (!channel) throw PaymentsError.methodNotSupported(this.gateway, request.method);
    return channel;
  }

  private headers(): Record<string, string> {
    return { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${this.apiKey.reveal()}` };
  }

  /** Tripay wraps answers as `{ success, message, data }`; `success: false` is a refusal. */
  private successData(response: Record<string, unknown>): PayloadReader {
    if (response['success'] !== true) {
      throw PaymentsError.rejected(this.gateway, 400, typeof response['message'] === 'string' ? response['message'] : 'success: false');
    }
    return readGatewayResponse(this.gateway, () => new PayloadReader(response).object('data'));
  }

}

const TRIPAY_KINDS: Readonly<Record<string, PaymentEventKind>> = {
  UNPAID: 'pending',
  PAID: 'paid',
  FAILED: 'failed',
  EXPIRED: 'expired',
  REFUND: 'refunded',
};

/**
 * `amount` is what the invoice is credited with: `total_amount` less `fee_customer` (the fee the
 * customer paid on top); the merchant fee (`fee_merchant`) is our expense, not the customer's shortfall.
 */
function tripayEvent(reader: PayloadReader, raw: unknown, now: Date): NormalisedPaymentEvent {
  const reference = reader.string('reference');
  const status = reader.string('status');
  const kind = TRIPAY_KINDS[status];
  if (!kind) throw new MalformedPayloadError(`unknown status '${status}'`);
  const amount = reader.rupiah('total_amount') - (reader.optionalInteger('fee_customer') ?? 0);
  const paidAt = reader.optionalInteger('paid_at');
  return {
    gateway: 'tripay',
    eventId: `${reference}:${status}`,
    gatewayTransactionId: reference,
    orderId: reader.optionalString('merchant_ref') ?? reference,
    paymentMethod: reader.optionalString('payment_method_code') ?? reader.optionalString('payment_method'),
    amount,
    refundedAmount: kind === 'refunded' ? amount : undefined,
    kind,
    occurredAt: (paidAt === undefined ? now : new Date(paidAt * 1000)).toISOString(),
    raw,
  };
}
