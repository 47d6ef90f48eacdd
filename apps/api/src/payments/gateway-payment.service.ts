import { Injectable } from '@nestjs/common';
import {
  applyGatewayEvent, type GatewayPaymentEffect, type GatewayPaymentState, type GatewayPaymentStatus, type MatchResult, type NormalisedPaymentEvent,
} from '@lunas/payments';
import type { PaymentStatus } from '@lunas/persistence';
import { EntityManager } from 'typeorm';
import { ChargebackNotifier } from '../reconciliation/chargeback-notifier';
import { InvoiceResolver, type GatewayEventToMatch } from '../reconciliation/invoice-resolver';
import type { LedgerBatch, LedgerInvoice, LedgerPayment, PaymentChanges } from './ledger-batch';
import { PaymentLedgerService } from './payment-ledger.service';
import type { ClaimedSignal } from './payment-signal.relay';

/** A stored, verified gateway event to book: the inbox row id, the event and the gateway account's tenant (if any). */
export type InboxEvent = GatewayEventToMatch;

/** Applying one event of a batch threw: the others can be booked without it. */
export class InboxEventError extends Error {
  constructor(readonly inboxId: string, failure: unknown) {
    super(`payment event ${inboxId}: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}

/** How Lunas stores a gateway transaction's progress in `payments.raw`. */
interface GatewayPaymentRaw {
  gatewayState: GatewayPaymentState;
  vaNumber?: string;
  lastEvent: unknown;
}

/** An event applied, or kept for Finance (no invoice resolved, or the gateway's figures need a person). */
type Applied = { readonly status: 'applied' } | { readonly status: 'parked'; readonly reason: string };

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
 * Books verified gateway events, many per transaction: locks the payments of their gateway transactions
 * (one statement), locks their invoices together with the invoices the other events name by number (one
 * statement) and resolves those events' invoices from them, then applies the events one after the other
 * in the given (received) order on the loaded state — the out-of-order-safe state machine of
 * @lunas/payments, then each effect through the ledger batch — and writes it all, inbox stamps included,
 * with one flush. Idempotent per gateway transaction: the payment row is unique on (gateway, transaction id)
 * and locked while its events apply.
 */
@Injectable()
export class GatewayPaymentService {
  constructor(
    private readonly ledger: PaymentLedgerService,
    private readonly resolver: InvoiceResolver,
    private readonly chargebacks: ChargebackNotifier,
  ) {}

  /**
   * Books the events in order and stamps their inbox rows, in the caller's transaction; returns the new
   * outbox rows to dispatch after commit (see `LedgerBatch.flush`). Throws {@link InboxEventError}
   * naming the event whose application threw. The second invoice lock takes only what the VA-number
   * rule matched outside the first (no statement otherwise).
   */
  async book(m: EntityManager, events: readonly InboxEvent[]): Promise<ClaimedSignal[]> {
    const batch = this.ledger.open();
    await batch.lockTransactions(m, events.map(({ event }) => ({ gateway: event.gateway, transactionId: event.gatewayTransactionId })));
    const invoiceOf = ({ event }: InboxEvent) => batch.paymentOf(event.gateway, event.gatewayTransactionId)?.invoiceId;
    const unresolved = events.filter((inbox) => !invoiceOf(inbox));
    const named = unresolved.map(({ event, tenantId }) => ({ number: event.orderId, tenantId }));
    const locked = await batch.lockInvoices(m, events.flatMap((inbox) => invoiceOf(inbox) ?? []), { named });
    const matches = await this.resolver.forGatewayEvents(m, unresolved, [...locked.values()]);
    await batch.lockInvoices(m, [...matches.values()].flatMap((match) => (match.status === 'matched' ? [match.invoiceId] : [])));

    for (const inbox of events) {
      try {
        const applied = await this.apply(m, batch, inbox, matches.get(inbox.id));
        batch.markInboxBooked(inbox.id, applied.status === 'parked' ? applied.reason : null);
      } catch (error) {
        throw new InboxEventError(inbox.id, error);
      }
    }
    return batch.flush(m);
  }

  private async apply(m: EntityManager, batch: LedgerBatch, inbox: InboxEvent, match: MatchResult | undefined): Promise<Applied> {
    const { event } = inbox;
    let payment = batch.paymentOf(event.gateway, event.gatewayTransactionId);
    let matchedRule = payment?.matchedRule ?? null;
    let invoiceId = payment?.invoiceId ?? null;
    if (!invoiceId) {
      if (match?.status !== 'matched') return { status: 'parked', reason: match?.reason ?? `Tidak ada tagihan bernomor ${event.orderId}` };
      invoiceId = match.invoiceId;
      matchedRule = match.rule;
    }
    const invoice = batch.invoice(invoiceId);
    if (!invoice) return { status: 'parked', reason: `Tagihan ${invoiceId} tidak ditemukan` };

    const raw = payment?.raw as GatewayPaymentRaw | null | undefined;
    const outcome = applyGatewayEvent(raw?.gatewayState, event);
    const received = outcome.effects.find((effect) => effect.type === 'payment_received');
    const changes: PaymentChanges = {
      status: PAYMENT_STATUS[outcome.state.status],
      raw: { gatewayState: outcome.state, vaNumber: event.vaNumber ?? raw?.vaNumber, lastEvent: event.raw } satisfies GatewayPaymentRaw as never,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      matchedRule,
      ...(received ? { amount: received.amount, paidAt: new Date(event.occurredAt) } : {}),
    };
    payment = payment
      ? batch.updatePayment(payment, changes)
      : batch.createPayment({
          tenantId: invoice.tenantId, gateway: event.gateway, gatewayTransactionId: event.gatewayTransactionId,
          method: (event.paymentMethod ?? 'unknown').slice(0, 32), amount: Math.max(event.amount, 1), ...changes,
        });

    let review: string | undefined;
    for (const effect of outcome.effects) {
      switch (effect.type) {
        case 'payment_received':
          batch.receive(payment, invoice, 'gateway', inbox.id);
          break;
        case 'payment_refunded':
        case 'payment_reversed':
          batch.reverse(payment, invoice, effect.amount, `Pengembalian dana oleh ${event.gateway} (${event.kind})`, null, { eventId: inbox.id, reason: 'refund', paymentEventId: inbox.id });
          break;
        case 'payment_charged_back':
          batch.reverse(payment, invoice, effect.amount, `Chargeback dari ${event.gateway}`, null, { eventId: inbox.id, reason: 'chargeback', paymentEventId: inbox.id });
          this.chargebacks.flag(batch, invoice, payment, effect.amount, event.eventId);
          break;
        case 'manual_review':
          review = effect.reason;
          break;
        default:
          break;
      }
    }
    if (outcome.effects.length > 0) this.record(batch, payment, invoice, event, outcome.effects, matchedRule);
    return review ? { status: 'parked', reason: review } : { status: 'applied' };
  }

  private record(batch: LedgerBatch, payment: LedgerPayment, invoice: LedgerInvoice, event: NormalisedPaymentEvent, effects: readonly GatewayPaymentEffect[], matchedRule: string | null): void {
    batch.audit({
      actorUserId: null,
      tenantId: payment.tenantId,
      action: `payment.gateway_${event.kind}`,
      entityType: 'payment',
      entityId: payment.id,
      after: {
        gateway: event.gateway, eventId: event.eventId, gatewayTransactionId: event.gatewayTransactionId,
        invoiceId: invoice.id, invoiceNumber: invoice.number, matchedRule, effects,
      },
    });
  }
}
