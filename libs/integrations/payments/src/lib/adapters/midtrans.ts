import { PaymentsError } from '../gateway/errors';
import type { NormalisedPaymentEvent, PaymentEventKind } from '../gateway/events';
import type { CreatedPayment, CreatePaymentRequest, GatewayEnvironment, PaymentGatewayPort, VaBank, WebhookHeaders, WebhookVerification } from '../gateway/port';
import { asSecret, type Secret } from '../config/secret';
import { constantTimeEqual, sha512Hex } from '../shared/crypto';
import { basicAuth, type FetchLike, requestJson } from '../shared/http';
import { formatJakarta, wibDateTimeToIso } from '../shared/jakarta-time';
import { MalformedPayloadError, PayloadReader, readGatewayResponse } from '../shared/payload';
import { validateCreatePayment } from '../shared/request-validation';
import { parseAuthenticated, parseJsonObject, rejected } from '../shared/webhook-result';

/** Core API base URLs (Midtrans docs, "Core API charge"). */
export const MIDTRANS_BASE_URLS: Readonly<Record<GatewayEnvironment, string>> = {
  sandbox: 'https://api.sandbox.midtrans.com',
  production: 'https://api.midtrans.com',
};

export interface MidtransGatewayOptions {
  readonly serverKey: Secret | string;
  readonly environment: GatewayEnvironment;
  readonly fetch: FetchLike;
  /** Bank for `va` when the request names none. Default `bca`. */
  readonly defaultBank?: VaBank;
  /** QRIS acquirer: `gopay` (default) or `airpay shopee`, per the Midtrans QRIS reference. */
  readonly qrisAcquirer?: string;
  /** Overrides the environment's base URL (tests point it at a local fake server). */
  readonly baseUrl?: string;
}

/**
 * `signature_key = SHA512(order_id + status_code + gross_amount + ServerKey)`, lowercase hex, no
 * separators; gross_amount exactly as received (e.g. "100000.00").
 */
export function midtransSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return sha512Hex(orderId + statusCode + grossAmount + serverKey);
}

/**
 * Midtrans Core API adapter. Webhooks: HTTP notification with `signature_key` in the body.
 * Card payments are not offered: Core API card charges need a token from Midtrans's browser library.
 */
export class MidtransGateway implements PaymentGatewayPort {
  readonly gateway = 'midtrans' as const;
  private readonly serverKey: Secret;
  private readonly baseUrl: string;

  constructor(private readonly options: MidtransGatewayOptions) {
    this.serverKey = asSecret(options.serverKey);
    this.baseUrl = options.baseUrl ?? MIDTRANS_BASE_URLS[options.environment];
  }

  async createPayment(request: CreatePaymentRequest): Promise<CreatedPayment> {
    const seconds = validateCreatePayment(request);
    const minutes = Math.floor(seconds / 60);
    const body = {
      ...this.paymentTypeFields(request),
      transaction_details: { order_id: request.invoiceRef, gross_amount: request.amount },
      customer_details: { first_name: request.customer.name, email: request.customer.email, phone: request.customer.phone },
      custom_expiry: { order_time: formatJakarta(request.now, 'yyyy-MM-dd HH:mm:ss xx'), expiry_duration: minutes, unit: 'minute' },
    };
    const response = await requestJson(this.options.fetch, this.gateway, `${this.baseUrl}/v2/charge`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(body),
    });
    const reader = this.acceptedResponse(response, ['200', '201']);
    return this.readCharge(reader, new Date(request.now.getTime() + minutes * 60_000));
  }

  verifyAndParseWebhook(rawBody: Buffer, _headers: WebhookHeaders, _now: Date): WebhookVerification {
    const parsed = parseJsonObject(rawBody);
    if ('error' in parsed) return rejected('malformed_payload', parsed.error);
    const fields = parsed.value;
    if (typeof fields['signature_key'] !== 'string' || !fields['signature_key']) return rejected('missing_signature', 'signature_key absent');
    const { order_id: orderId, status_code: statusCode, gross_amount: grossAmount } = fields;
    if (typeof orderId !== 'string' || typeof statusCode !== 'string' || typeof grossAmount !== 'string') {
      return rejected('malformed_payload', 'order_id, status_code and gross_amount must be strings');
    }
    const expected = midtransSignature(orderId, statusCode, grossAmount, this.serverKey.reveal());
    if (!constantTimeEqual(fields['signature_key'].toLowerCase(), expected)) return rejected('bad_signature', 'signature_key mismatch');
    return parseAuthenticated(() => [midtransEvent(new PayloadReader(fields), fields)]);
  }

  /** GET /v2/{order_id or transaction_id}/status; the answer has the notification's shape. */
  async fetchStatus(reference: string): Promise<NormalisedPaymentEvent> {
    const response = await requestJson(this.options.fetch, this.gateway, `${this.baseUrl}/v2/${encodeURIComponent(reference)}/status`, {
      method: 'GET',
      headers: this.headers(),
    });
    const reader = this.acceptedResponse(response, ['200', '201', '202']);
    return readGatewayResponse(this.gateway, () => midtransEvent(reader, response));
  }

  private headers(): Record<string, string> {
    return { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basicAuth(this.serverKey.reveal()) };
  }

  /** Midtrans answers some refusals with HTTP 200 and a 4xx `status_code` in the body. */
  private acceptedResponse(response: Record<string, unknown>, okCodes: readonly string[]): PayloadReader {
    const statusCode = response['status_code'];
    if (typeof statusCode !== 'string' || !okCodes.includes(statusCode)) {
      const message = typeof response['status_message'] === 'string' ? response['status_message'] : `status_code ${String(statusCode)}`;
      throw PaymentsError.rejected(this.gateway, Number(statusCode) || 502, message);
    }
    return new PayloadReader(response);
  }

  private paymentTypeFields(request: CreatePaymentRequest): Record<string, unknown> {
    switch (request.method) {
      case 'va': {
        const bank = request.bank ?? this.options.defaultBank ?? 'bca';
        if (bank === 'mandiri') {
          return { payment_type: 'echannel', echannel: { bill_info1: 'Pembayaran:', bill_info2: request.description.slice(0, 30) } };
        }
        return { payment_type: 'bank_transfer', bank_transfer: { bank } };
      }
      case 'qris':
        return { payment_type: 'qris', qris: { acquirer: this.options.qrisAcquirer ?? 'gopay' } };
      case 'ewallet':
        return { payment_type: 'gopay' };
      case 'card':
        throw PaymentsError.methodNotSupported(this.gateway, request.method);
    }
  }

  private readCharge(reader: PayloadReader, expiresAt: Date): CreatedPayment {
    return readGatewayResponse(this.gateway, () => {
      const actions = reader.objects('actions');
      const action = (name: string) => actions.find((a) => a.optionalString('name') === name)?.optionalString('url');
      return {
        gateway: this.gateway,
        gatewayReference: reader.string('transaction_id'),
        vaNumber: vaNumberOf(reader),
        billerCode: reader.optionalString('biller_code'),
        qrString: reader.optionalString('qr_string'),
        payUrl: action('deeplink-redirect') ?? action('generate-qr-code'),
        expiresAt: expiresAt.toISOString(),
      };
    });
  }
}

/** `transaction_status` (+ `fraud_status` for capture/settlement) → normalised kind, per the Midtrans status table. */
export function midtransKind(transactionStatus: string, fraudStatus: string | undefined): PaymentEventKind {
  switch (transactionStatus) {
    case 'capture':
    case 'settlement':
      if (fraudStatus === 'challenge') return 'challenge';
      if (fraudStatus === 'deny') return 'failed';
      return 'paid';
    case 'pending':
      return 'pending';
    case 'authorize':
      return 'authorized';
    case 'deny':
    case 'failure':
      return 'failed';
    case 'cancel':
      return 'cancelled';
    case 'expire':
      return 'expired';
    case 'refund':
      return 'refunded';
    case 'partial_refund':
      return 'partially_refunded';
    case 'chargeback':
      return 'chargeback';
    case 'partial_chargeback':
      return 'partial_chargeback';
    default:
      throw new MalformedPayloadError(`unknown transaction_status '${transactionStatus}'`);
  }
}

function midtransEvent(reader: PayloadReader, raw: unknown): NormalisedPaymentEvent {
  const status = reader.string('transaction_status');
  const fraudStatus = reader.optionalString('fraud_status');
  const kind = midtransKind(status, fraudStatus);
  const transactionId = reader.string('transaction_id');
  const refunds = reader.objects('refunds');
  const refundedAmount = reader.optionalDecimalRupiah('refund_amount') ?? sumRefunds(refunds);
  const latestRefundAt = refunds.at(-1)?.optionalString('created_at');
  const occurredAt = latestRefundAt ?? (kind === 'paid' ? reader.optionalString('settlement_time') : undefined) ?? reader.string('transaction_time');
  return {
    gateway: 'midtrans',
    // A refund status repeats for every partial refund; the refund count keeps each one distinct.
    eventId: [transactionId, status, fraudStatus ?? '-', refunds.length].join(':'),
    gatewayTransactionId: transactionId,
    orderId: reader.string('order_id'),
    vaNumber: vaNumberOf(reader),
    paymentMethod: reader.optionalString('payment_type'),
    amount: reader.decimalRupiah('gross_amount'),
    refundedAmount,
    kind,
    occurredAt: wibDateTimeToIso(occurredAt, 'transaction_time'),
    raw,
  };
}

function sumRefunds(refunds: readonly PayloadReader[]): number | undefined {
  return refunds.length === 0 ? undefined : refunds.reduce((total, refund) => total + refund.decimalRupiah('refund_amount'), 0);
}

/** VA number per bank: `va_numbers[]` (BCA/BNI/BRI), `permata_va_number`, or Mandiri bill `bill_key`. */
function vaNumberOf(reader: PayloadReader): string | undefined {
  return reader.objects('va_numbers')[0]?.optionalString('va_number') ?? reader.optionalString('permata_va_number') ?? reader.optionalString('bill_key');
}
