import { Injectable } from '@nestjs/common';
import {
  applyGatewayEvent, type GatewayPaymentEffect, type GatewayPaymentState, type GatewayPaymentStatus, type NormalisedPaymentEvent,
} from '@lunas/payments';
import { Invoice, Payment, type PaymentStatus } from '@lunas/persistence';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../audit/audit.service';
import { InvoiceResolver } from '../reconciliation/invoice-resolver';
import { ChargebackNotifier } from '../reconciliation/chargeback-notifier';
import { PaymentLedgerService } from './payment-ledger.service';

/** What became of one inbox event. */
export type GatewayEventResult =
  /** Applied; a `paymentReceived` signal waits in the outbox (the inbox row stays pending until forwarded). */
  | { readonly status: 'pending'; readonly signalId: string; readonly paymentId: string }
  /** Applied; nothing to forward (a status change without money, a reversal, a superseded status). */
  | { readonly status: 'forwarded'; readonly paymentId: string }
  /** No invoice could be resolved, or the gateway's figures need a person: kept for Finance. */
  | { readonly status: 'parked'; readonly reason: string; readonly paymentId?: string };

/** How Lunas stores a gateway transaction's progress in `payments.raw`. */
interface GatewayPaymentRaw {
  gatewayState: GatewayPaymentState;
  vaNumber?: string;
  lastEvent: unknown;
}

const PAYMENT_STATUS: Readonly<Record<GatewayPaymentStatus, PaymentStatus>> = {
  new: 'pending',
  pending: 'pending',
  authorized: 'pending',
  challenge: 'pending',
  failed: 'failed',
  expired: 'failed',
  cancelled: 'failed',
  paid: 'succeeded',
  partially_refunded: 'succeeded',
  refunded: 'refunded',
  charged_back: 'chargeback',
};

/**
 * Applies one verified gateway event to the books, inside the intake transaction: resolves the invoice
 * (or keeps the rule of the payment created earlier), runs the out-of-order-safe state machine of
 * @lunas/payments on the transaction's stored state, and books each effect through the ledger.
 * Idempotent per gateway transaction: the payment row is unique on (gateway, transaction id) and is
 * locked while its event applies.
 */
@Injectable()
export class GatewayPaymentService {
  constructor(
    private readonly ledger: PaymentLedgerService,
    private readonly resolver: InvoiceResolver,
    private readonly audit: AuditService,
    private readonly chargebacks: ChargebackNotifier,
  ) {}

  async apply(m: EntityManager, event: NormalisedPaymentEvent, tenantId: string | undefined, inboxId: string): Promise<GatewayEventResult> {
    let payment = await this.lockPayment(m, event);
    let matchedRule = payment?.matchedRule ?? null;
    let invoiceId = payment?.invoiceId ?? null;
    if (!invoiceId) {
      const match = await this.resolver.forGatewayEvent(m, event, tenantId);
      if (match.status !== 'matched') return { status: 'parked', reason: match.reason };
      invoiceId = match.invoiceId;
      matchedRule = match.rule;
    }
    const invoice = await this.ledger.lockInvoice(m, invoiceId);
    if (!invoice) return { status: 'parked', reason: `Tagihan ${invoiceId} tidak ditemukan` };

    const raw = payment?.raw as GatewayPaymentRaw | null | undefined;
    const outcome = applyGatewayEvent(raw?.gatewayState, event);
    const received = outcome.effects.find((effect) => effect.type === 'payment_received');
    const changes = {
      status: PAYMENT_STATUS[outcome.state.status],
      raw: { gatewayState: outcome.state, vaNumber: event.vaNumber ?? raw?.vaNumber, lastEvent: event.raw } satisfies GatewayPaymentRaw as never,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      matchedRule,
      ...(received ? { amount: received.amount, paidAt: new Date(event.occurredAt) } : {}),
    };
    payment = payment ? await this.updatePayment(m, payment, changes) : await this.createPayment(m, event, invoice, changes);

    let signalId: string | undefined;
    let review: string | undefined;
    for (const effect of outcome.effects) {
      switch (effect.type) {
        case 'payment_received':
          signalId = (await this.ledger.receive(m, payment, invoice, 'gateway', inboxId)).signalId ?? signalId;
          break;
        case 'payment_refunded':
        case 'payment_reversed':
          await this.ledger.reverse(m, payment, invoice, effect.amount, `Pengembalian dana oleh ${event.gateway} (${event.kind})`, null);
          break;
        case 'payment_charged_back':
          await this.ledger.reverse(m, payment, invoice, effect.amount, `Chargeback dari ${event.gateway}`, null);
          await this.chargebacks.flag(m, invoice, payment, effect.amount, event.eventId);
          break;
        case 'manual_review':
          review = effect.reason;
          break;
        default:
          break;
      }
    }
    if (outcome.effects.length > 0) await this.record(m, payment, invoice, event, outcome.effects, matchedRule);
    if (review) return { status: 'parked', reason: review, paymentId: payment.id };
    return signalId ? { status: 'pending', signalId, paymentId: payment.id } : { status: 'forwarded', paymentId: payment.id };
  }

  private lockPayment(m: EntityManager, event: NormalisedPaymentEvent): Promise<Payment | null> {
    return m
      .createQueryBuilder(Payment, 'p')
      .setLock('pessimistic_write')
      .where('p.gateway = :gateway AND p.gatewayTransactionId = :id', { gateway: event.gateway, id: event.gatewayTransactionId })
      .getOne();
  }

  private async updatePayment(m: EntityManager, payment: Payment, changes: QueryDeepPartialEntity<Payment>): Promise<Payment> {
    await m.update(Payment, { id: payment.id }, changes);
    return Object.assign(payment, changes);
  }

  /**
   * Inserts the payment row as the event leaves it; when an event of the same transaction inserted it
   * concurrently, locks that row and applies the changes to it instead.
   */
  private async createPayment(m: EntityManager, event: NormalisedPaymentEvent, invoice: Invoice, changes: QueryDeepPartialEntity<Payment>): Promise<Payment> {
    const values = {
      tenantId: invoice.tenantId,
      gateway: event.gateway,
      gatewayTransactionId: event.gatewayTransactionId,
      method: (event.paymentMethod ?? 'unknown').slice(0, 32),
      amount: Math.max(event.amount, 1),
      ...changes,
    };
    const inserted = await m.createQueryBuilder().insert().into(Payment).values(values).orIgnore().returning(['id']).execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (id) return m.create(Payment, { ...(values as Partial<Payment>), id });
    const existing = await this.lockPayment(m, event);
    if (!existing) throw new Error(`payment ${event.gateway}/${event.gatewayTransactionId} vanished after insert`);
    return this.updatePayment(m, existing, changes);
  }

  private record(m: EntityManager, payment: Payment, invoice: Invoice, event: NormalisedPaymentEvent, effects: readonly GatewayPaymentEffect[], matchedRule: string | null): Promise<void> {
    return this.audit.record(
      {
        actorUserId: null,
        tenantId: payment.tenantId,
        action: `payment.gateway_${event.kind}`,
        entityType: 'payment',
        entityId: payment.id,
        after: {
          gateway: event.gateway, eventId: event.eventId, gatewayTransactionId: event.gatewayTransactionId,
          invoiceId: invoice.id, invoiceNumber: invoice.number, matchedRule, effects,
        },
      },
      m,
    );
  }
}
