import { Inject, Injectable, Logger, OnApplicationShutdown, UnauthorizedException } from '@nestjs/common';
import {
  SANDBOX_API_PATHS, signSandboxPayload, verifySandboxSignature, type PaymentsConfig, type SandboxCreatePaymentBody, type SandboxCreatePaymentResponse,
  type SandboxPaymentData, type SandboxWebhookPayload, type WebhookHeaders,
} from '@lunas/payments';
import { randomBytes, randomUUID } from 'node:crypto';
import { PaymentsErrorCode, PaymentsException } from '../payments/payments.exception';
import { PAYMENTS_CONFIG } from '../payments/payments-config.provider';

interface SandboxAccount {
  baseUrl: string;
  secret: string;
}

/** One transaction of the sandbox gateway. */
export interface SandboxPayment {
  data: SandboxPaymentData;
  description: string;
  customerName: string;
  expiresAt: number;
  account: SandboxAccount;
}

export interface SandboxWebhookOptions {
  /** Delays between delivery attempts of one webhook. */
  readonly retryDelaysMs: readonly number[];
}

/**
 * Retries like a real gateway, compressed for local use: 5 attempts at 0, 1, 5, 15 and 60 s (Midtrans
 * retries 5 times over ~6 h; a developer waits minutes, not hours).
 */
export const DEFAULT_SANDBOX_WEBHOOK_OPTIONS: SandboxWebhookOptions = { retryDelaysMs: [1_000, 5_000, 15_000, 60_000] };
export const SANDBOX_WEBHOOK_OPTIONS = Symbol('SANDBOX_WEBHOOK_OPTIONS');

/**
 * Lunas's own local payment gateway (the default of `npm start`). It keeps its transactions in memory,
 * like a provider's sandbox that is reset on restart, authenticates requests with the account secret
 * (X-Lunas-Signature) and reports payments with signed webhooks to `/webhooks/sandbox`, retrying when
 * the endpoint fails.
 */
@Injectable()
export class SandboxGatewayService implements OnApplicationShutdown {
  private readonly log = new Logger(SandboxGatewayService.name);
  private readonly payments = new Map<string, SandboxPayment>();
  private readonly accounts: SandboxAccount[];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(@Inject(PAYMENTS_CONFIG) config: PaymentsConfig, @Inject(SANDBOX_WEBHOOK_OPTIONS) private readonly options: SandboxWebhookOptions) {
    this.accounts = [config.default, ...Object.values(config.tenants)].flatMap((account) =>
      account?.gateway === 'sandbox' ? [{ baseUrl: account.baseUrl, secret: account.secret.reveal() }] : [],
    );
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** `POST /sandbox/api/payments`, signed by the merchant (the adapter) with its account secret. */
  create(rawBody: Buffer, headers: WebhookHeaders, body: SandboxCreatePaymentBody): SandboxCreatePaymentResponse {
    const account = this.authenticate(rawBody, headers);
    const reference = `SBX-${randomBytes(6).toString('hex').toUpperCase()}`;
    const vaNumber = body.method === 'va' ? `8808${String(Date.now()).slice(-9)}${Math.floor(Math.random() * 10)}` : undefined;
    const payment: SandboxPayment = {
      data: { reference, order_id: body.order_id, status: 'pending', method: body.method, va_number: vaNumber, amount: body.amount, updated_at: new Date().toISOString() },
      description: body.description,
      customerName: body.customer_name,
      expiresAt: Date.parse(body.expires_at),
      account,
    };
    this.payments.set(reference, payment);
    return {
      reference,
      pay_url: `${account.baseUrl}${SANDBOX_API_PATHS.payPage(reference)}`,
      va_number: vaNumber,
      qr_string: body.method === 'qris' ? `00020101021226SANDBOX${reference}` : undefined,
      expires_at: new Date(payment.expiresAt).toISOString(),
    };
  }

  /** `GET /sandbox/api/payments/:reference`, signed like create. */
  status(rawBody: Buffer, headers: WebhookHeaders, reference: string): SandboxPaymentData {
    this.authenticate(rawBody, headers);
    return this.find(reference).data;
  }

  /** What the pay page shows; an expired payment is a dead link (410). */
  page(reference: string): SandboxPayment {
    const payment = this.find(reference);
    if (payment.data.status === 'pending' && Date.now() > payment.expiresAt) this.settle(payment, 'expired', payment.data.amount);
    if (payment.data.status === 'expired') throw new PaymentsException(PaymentsErrorCode.SandboxPaymentExpired);
    return payment;
  }

  /**
   * The person pays `amount` on the pay page. The whole amount settles this transaction; a part is a
   * transaction of its own (new reference) and this one stays open for the rest.
   */
  pay(reference: string, amount: number): SandboxPayment {
    const payment = this.page(reference);
    if (payment.data.status !== 'pending') throw new PaymentsException(PaymentsErrorCode.SandboxPaymentClosed);
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > payment.data.amount) {
      throw new PaymentsException(PaymentsErrorCode.SandboxPaymentClosed, `Jumlah harus antara 1 dan ${payment.data.amount} rupiah`);
    }
    if (amount === payment.data.amount) {
      this.settle(payment, 'paid', amount);
      return payment;
    }
    const part: SandboxPayment = { ...payment, data: { ...payment.data, reference: `${reference}-P${randomBytes(3).toString('hex').toUpperCase()}` } };
    this.payments.set(part.data.reference, part);
    this.settle(part, 'paid', amount);
    payment.data = { ...payment.data, amount: payment.data.amount - amount, updated_at: new Date().toISOString() };
    return payment;
  }

  private settle(payment: SandboxPayment, status: SandboxPaymentData['status'], amount: number): void {
    payment.data = { ...payment.data, status, amount, updated_at: new Date().toISOString() };
    const webhook: SandboxWebhookPayload = { id: `evt_${randomUUID()}`, type: `payment.${status}`, created_at: payment.data.updated_at, data: payment.data };
    this.deliver(payment.account, JSON.stringify(webhook), 0);
  }

  /** Sends the webhook; on a failure or a non-2xx answer tries again after the next delay. */
  private deliver(account: SandboxAccount, body: string, attempt: number): void {
    const url = `${account.baseUrl}${SANDBOX_API_PATHS.webhook}`;
    const retry = (reason: string) => {
      const delay = this.options.retryDelaysMs[attempt];
      if (delay === undefined) {
        this.log.error(`sandbox webhook to ${url} given up after ${attempt + 1} attempts: ${reason}`);
        return;
      }
      this.log.warn(`sandbox webhook to ${url} failed (${reason}); retrying in ${delay} ms`);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.deliver(account, body, attempt + 1);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    };
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lunas-signature': signSandboxPayload(body, account.secret, new Date()) },
      body,
      signal: AbortSignal.timeout(15_000),
    }).then(
      (response) => (response.ok ? undefined : retry(`HTTP ${response.status}`)),
      (error: unknown) => retry(error instanceof Error ? error.message : String(error)),
    );
  }

  private authenticate(rawBody: Buffer, headers: WebhookHeaders): SandboxAccount {
    const account = this.accounts.find((candidate) => !verifySandboxSignature(rawBody, headers, candidate.secret, new Date()));
    if (!account) throw new UnauthorizedException('Tanda tangan permintaan tidak valid');
    return account;
  }

  private find(reference: string): SandboxPayment {
    const payment = this.payments.get(reference);
    if (!payment) throw new PaymentsException(PaymentsErrorCode.SandboxPaymentNotFound);
    return payment;
  }
}
