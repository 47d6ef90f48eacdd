import { createHash, createHmac } from 'node:crypto';
import { signSandboxPayload } from '@lunas/payments';

/** A webhook as a gateway sends it: the exact body bytes and the headers that sign them. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

export const MIDTRANS_SERVER_KEY = 'SB-Mid-server-TEST';
export const XENDIT_CALLBACK_TOKEN = 'xnd-callback-token-test';
export const TRIPAY_PRIVATE_KEY = 'tripay-private-key-test';
export const SANDBOX_SECRET = 'sandbox-secret-test';

/** Midtrans HTTP notification (shape of the documented BCA VA sample), `signature_key` = SHA512(order_id + status_code + gross_amount + server key). */
export function midtransNotification(input: {
  orderId: string; transactionId: string; status: string; amount: number; fraudStatus?: string; time?: string; serverKey?: string; vaNumber?: string;
}): SignedWebhook {
  const statusCode = input.status === 'pending' ? '201' : ['deny', 'expire'].includes(input.status) ? '202' : '200';
  const grossAmount = `${input.amount}.00`;
  const signature = createHash('sha512').update(`${input.orderId}${statusCode}${grossAmount}${input.serverKey ?? MIDTRANS_SERVER_KEY}`).digest('hex');
  const body = {
    va_numbers: [{ va_number: input.vaNumber ?? '333333333333333', bank: 'bca' }],
    transaction_time: input.time ?? '2026-08-03 11:27:20',
    transaction_status: input.status,
    transaction_id: input.transactionId,
    status_message: 'midtrans payment notification',
    status_code: statusCode,
    signature_key: signature,
    ...(input.status === 'settlement' ? { settlement_time: input.time ?? '2026-08-03 11:27:50' } : {}),
    payment_type: 'bank_transfer',
    payment_amounts: [],
    order_id: input.orderId,
    merchant_id: 'G141532850',
    gross_amount: grossAmount,
    ...(input.fraudStatus === undefined ? { fraud_status: 'accept' } : input.fraudStatus ? { fraud_status: input.fraudStatus } : {}),
    currency: 'IDR',
  };
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/** Xendit invoice callback (documented InvoiceCallback fields), authenticated by `x-callback-token`. */
export function xenditInvoiceCallback(input: { externalId: string; invoiceId: string; status: string; amount: number; token?: string }): SignedWebhook {
  const body = {
    id: input.invoiceId, external_id: input.externalId, user_id: '5848fdf860053555135587e7', status: input.status,
    merchant_name: 'Lunas Test', amount: input.amount, paid_amount: input.amount, paid_at: '2026-08-03T04:32:50.912Z',
    payer_email: 'pelanggan@example.co.id', description: 'Tagihan internet', created: '2026-08-03T02:32:49.827Z',
    updated: '2026-08-03T04:32:50.912Z', currency: 'IDR', payment_method: 'BANK_TRANSFER', payment_channel: 'BCA',
    payment_destination: '8808999912345678',
  };
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-callback-token': input.token ?? XENDIT_CALLBACK_TOKEN } };
}

/** Tripay callback (documented shape), `X-Callback-Signature` = HMAC-SHA256(raw body, private key). */
export function tripayCallback(input: { merchantRef: string; reference: string; status: string; amount: number; privateKey?: string }): SignedWebhook {
  const body = JSON.stringify({
    reference: input.reference, merchant_ref: input.merchantRef, payment_method: 'BCA Virtual Account', payment_method_code: 'BCAVA',
    total_amount: input.amount, fee_merchant: 2000, fee_customer: 0, total_fee: 2000, amount_received: input.amount - 2000,
    is_closed_payment: 1, status: input.status, paid_at: 1785731400, note: null,
  });
  const signature = createHmac('sha256', input.privateKey ?? TRIPAY_PRIVATE_KEY).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-callback-signature': signature, 'x-callback-event': 'payment_status' } };
}

/** Sandbox gateway webhook, `X-Lunas-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">`. */
export function sandboxWebhook(input: {
  id: string; reference: string; orderId: string; status: string; amount: number; refundedAmount?: number; at?: Date; secret?: string; signedAt?: Date; vaNumber?: string;
}): SignedWebhook {
  const at = input.at ?? new Date();
  const body = JSON.stringify({
    id: input.id,
    type: `payment.${input.status}`,
    created_at: at.toISOString(),
    data: {
      reference: input.reference, order_id: input.orderId, status: input.status, method: 'va', va_number: input.vaNumber ?? '8808123456789',
      amount: input.amount, ...(input.refundedAmount === undefined ? {} : { refunded_amount: input.refundedAmount }), updated_at: at.toISOString(),
    },
  });
  return { body, headers: { 'content-type': 'application/json', 'x-lunas-signature': signSandboxPayload(body, input.secret ?? SANDBOX_SECRET, input.signedAt ?? new Date()) } };
}
