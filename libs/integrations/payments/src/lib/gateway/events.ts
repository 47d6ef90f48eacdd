/** Payment gateways Lunas talks to. `sandbox` is Lunas's own local gateway (the default for `npm start`). */
export const GATEWAY_NAMES = ['midtrans', 'xendit', 'tripay', 'sandbox'] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

/**
 * What a gateway notification says happened to one gateway transaction, independent of provider.
 * - `pending`: waiting for the customer to pay (VA issued, QR shown).
 * - `authorized`: card pre-authorisation only, no funds yet.
 * - `challenge`: card captured but held by the fraud screen; Finance must accept or deny it.
 * - `paid`: funds received (Midtrans settlement / capture-accept, Xendit PAID/SETTLED/SUCCEEDED, Tripay PAID).
 * - `failed`: denied or failed before any funds moved.
 * - `expired`: not paid before the expiry time.
 * - `cancelled`: voided; after a card capture this reverses the payment.
 * - `refunded` / `partially_refunded`: funds (partly) sent back to the payer.
 * - `chargeback` / `partial_chargeback`: the payer's bank took the funds back (dispute).
 */
export const PAYMENT_EVENT_KINDS = [
  'pending',
  'authorized',
  'challenge',
  'paid',
  'failed',
  'expired',
  'cancelled',
  'refunded',
  'partially_refunded',
  'chargeback',
  'partial_chargeback',
] as const;
export type PaymentEventKind = (typeof PAYMENT_EVENT_KINDS)[number];

/** One gateway notification (or status poll), normalised. Serialisable: safe to store in the inbox and send as a signal. */
export interface NormalisedPaymentEvent {
  readonly gateway: GatewayName;
  /**
   * Stable per provider event: the same notification delivered again yields the same id, a new status
   * of the same transaction yields a new one. The inbox is unique on (gateway, eventId).
   */
  readonly eventId: string;
  /** The gateway's id for the transaction (Midtrans transaction_id, Xendit invoice/payment id, Tripay reference, sandbox reference). */
  readonly gatewayTransactionId: string;
  /** Our reference sent at createPayment (Midtrans order_id, Xendit external_id/reference_id, Tripay merchant_ref); see `parseGatewayReference`. */
  readonly orderId: string;
  /** Virtual account number the customer paid into, when the gateway reports one. */
  readonly vaNumber?: string;
  /** Provider payment method / channel as reported (e.g. `bank_transfer`, `qris`, `BRIVA`). */
  readonly paymentMethod?: string;
  /** Amount of the transaction in integer rupiah (for `paid`: the amount received from the customer). */
  readonly amount: number;
  /** Cumulative amount refunded or charged back so far, in integer rupiah, when the gateway reports it. */
  readonly refundedAmount?: number;
  readonly kind: PaymentEventKind;
  /** When it happened, ISO 8601 instant (UTC). */
  readonly occurredAt: string;
  /** The provider's payload as received (parsed JSON), for audit. */
  readonly raw: unknown;
}
