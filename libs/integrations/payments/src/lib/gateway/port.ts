import type { GatewayName, NormalisedPaymentEvent } from './events';

/** DI token under which the tenant-aware gateway registry or a single gateway port is provided. */
export const PAYMENT_GATEWAY = 'PAYMENT_GATEWAY';

/** Which of a gateway's environments an account talks to. */
export type GatewayEnvironment = 'sandbox' | 'production';

/** How the customer pays: bank virtual account, QRIS, e-wallet (GoPay, OVO, DANA, ShopeePay) or card. */
export const PAYMENT_METHODS = ['va', 'qris', 'ewallet', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Banks for virtual-account payments. */
export const VA_BANKS = ['bca', 'bni', 'bri', 'mandiri', 'permata'] as const;
export type VaBank = (typeof VA_BANKS)[number];

export interface PaymentCustomer {
  readonly name: string;
  readonly email?: string;
  /** E.164 digits without '+', e.g. 6281234567890. */
  readonly phone?: string;
}

export interface CreatePaymentRequest {
  /**
   * Our invoice reference, unique across tenants (`formatGatewayReference`: `T<tenant no>-<invoice number>`); becomes the
   * gateway's order id (Midtrans order_id, Xendit external_id, Tripay merchant_ref).
   */
  readonly invoiceRef: string;
  readonly method: PaymentMethod;
  /** Bank for `va`; each adapter has a documented default when omitted. */
  readonly bank?: VaBank;
  /** Integer rupiah, > 0. */
  readonly amount: number;
  /** When the payment instruction stops being payable. */
  readonly expiresAt: Date;
  /** The moment of the request (time comes from the caller, never from the adapter's clock). */
  readonly now: Date;
  readonly customer: PaymentCustomer;
  /** Shown to the payer (invoice period, package). */
  readonly description: string;
}

/** What the customer needs to pay, per method: a pay page, a VA number or a QRIS string. */
export interface CreatedPayment {
  readonly gateway: GatewayName;
  /** The gateway's id for this transaction; `fetchStatus` takes it and webhooks report it as gatewayTransactionId. */
  readonly gatewayReference: string;
  readonly payUrl?: string;
  readonly vaNumber?: string;
  /** Mandiri bill payment: the company (biller) code to enter together with the bill key in `vaNumber`. */
  readonly billerCode?: string;
  readonly qrString?: string;
  /** ISO 8601 instant. */
  readonly expiresAt: string;
}

/**
 * Webhook request headers as Node gives them (lower-case names; Express `req.headers` fits).
 * Lookups are case-insensitive anyway.
 */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Why a webhook was refused. The intake answers 401 for the signature reasons (nothing stored, one
 * security log line) and 400 for `malformed_payload`.
 */
export type WebhookRejectionReason = 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'malformed_payload';

export interface WebhookRejection {
  readonly reason: WebhookRejectionReason;
  /** English, for the security log; never contains a secret or the expected signature. */
  readonly detail: string;
}

export type WebhookVerification =
  | { readonly ok: true; readonly events: readonly NormalisedPaymentEvent[] }
  | { readonly ok: false; readonly rejection: WebhookRejection };

/**
 * One payment gateway account (one set of credentials). Adapters: MidtransGateway, XenditGateway,
 * TripayGateway, SandboxGateway. Outbound HTTP goes through an injected fetch-like function.
 */
export interface PaymentGatewayPort {
  readonly gateway: GatewayName;

  /**
   * Creates a payment for an invoice at the gateway.
   * @throws PaymentsError METHOD_NOT_SUPPORTED, GATEWAY_REJECTED (4xx: do not retry),
   *         GATEWAY_UNAVAILABLE / GATEWAY_BAD_RESPONSE (network, 5xx, unreadable: retry).
   */
  createPayment(request: CreatePaymentRequest): Promise<CreatedPayment>;

  /**
   * Checks the signature over the exact raw request body and parses the notification into events.
   * Pure and synchronous; never throws on bad input, it returns a typed rejection instead.
   * An authenticated notification this port does not act on (e.g. a Tripay event other than
   * `payment_status`) yields `{ ok: true, events: [] }` so the gateway stops retrying.
   * @param now used for timestamp tolerance (sandbox: 300 s).
   */
  verifyAndParseWebhook(rawBody: Buffer, headers: WebhookHeaders, now: Date): WebhookVerification;

  /**
   * Asks the gateway for the current status of a transaction (by `gatewayReference`; Midtrans also
   * accepts the order id) and returns it as an event, so a poller can feed the same path as webhooks.
   */
  fetchStatus(reference: string): Promise<NormalisedPaymentEvent>;
}
