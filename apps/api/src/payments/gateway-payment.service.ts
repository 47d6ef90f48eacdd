import { Injectable, Logger } from '@nestjs/common';
import {
  applyGatewayEvent, DEFAULT_ACCOUNT_ID, parseGatewayReference, PaymentGatewayRegistry, type GatewayPaymentEffect, type GatewayPaymentState,
  type GatewayPaymentStatus, type NormalisedPaymentEvent,
} from '@lunas/payments';
import type { ClaimedSignal, InvoiceName, LedgerBatch, LedgerInvoice, LedgerPayment, PaymentChanges, PaymentStatus } from '@lunas/persistence';
import { EntityManager } from 'typeorm';
import { ChargebackNotifier } from '../reconciliation/chargeback-notifier';
import { InvoiceResolver, type GatewayEventMatch, type GatewayEventToMatch } from '../reconciliation/invoice-resolver';
import { PaymentLedgerService } from './payment-ledger.service';

/** A stored, verified gateway event to book: the inbox row id, the event and the gateway account that signed it. */
export interface InboxEvent {
  readonly id: string;
  readonly event: NormalisedPaymentEvent;
  readonly accountId: string;
}

/** An inbox event with what its signing account may touch. */
type ScopedEvent = InboxEvent & GatewayEventToMatch;

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
 * (one statement), locks their invoices together with the invoices the other events name by reference (one
 * statement) and resolves those events' invoices from them, then applies the events one after the other
 * in the given (received) order on the loaded state — the out-of-order-safe state machine of
 * @lunas/payments, then each effect through the ledger batch — and writes it all, inbox stamps included,
 * with one flush. Idempotent per gateway transaction: the payment row is unique on (gateway, transaction id)
 * and locked while its events apply.
 *
 * Every event is bound to the gateway account that signed it: it may only touch payments bound to that
 * account and invoices of the tenants the account serves (`PaymentGatewayRegistry.serves`). An event
 * reaching for another tenant's payment or invoice is parked for Finance and logged as a security event.
 */
@Injectable()
export class GatewayPaymentService {
  private readonly securityLog = new Logger('WebhookSecurity');

  constructor(
    private readonly registry: PaymentGatewayRegistry,
    private readonly ledger: PaymentLedgerService,
    private readonly resolver: InvoiceResolver,
    private readonly chargebacks: ChargebackNotifier,
  ) {}

  /**
   * Books the events in order and stamps their inbox rows, in the caller's transaction; returns the new
   * outbox rows to dispatch after commit (see `LedgerBatch.flush`). Throws {@link InboxEventError}
   * naming the event whose application threw. The second invoice lock takes only what the VA-number
   * rule matched outside the first (no statement otherwise). `assigned` (inbox id → invoice id) are the invoices a
   * person chose for parked events; the caller has checked that the signing account serves their tenants.
   */
  async book(m: EntityManager, inboxEvents: readonly InboxEvent[], assigned: ReadonlyMap<string, string> = new Map()): Promise<ClaimedSignal[]> {
    const batch = this.ledger.open();
    const events = inboxEvents.map((inbox) => this.scoped(inbox));
    await batch.lockTransactions(m, events.map(({ event }) => ({ gateway: event.gateway, transactionId: event.gatewayTransactionId })));
    const paymentOf = ({ event }: ScopedEvent) => batch.paymentOf(event.gateway, event.gatewayTransactionId);
    const invoiceOf = (inbox: ScopedEvent) => {
      const payment = paymentOf(inbox);
      return payment && this.isBound(payment, inbox) ? payment.invoiceId : null;
    };
    const unresolved = events.filter((inbox) => !paymentOf(inbox)?.invoiceId);
    const locked = await batch.lockInvoices(m, events.flatMap((inbox) => invoiceOf(inbox) ?? []), { named: unresolved.map(invoiceNamed) });
    const matches = await this.resolver.forGatewayEvents(m, unresolved.filter((inbox) => !assigned.has(inbox.id)), [...locked.values()]);
    for (const [inboxId, invoiceId] of assigned) {
      matches.set(inboxId, { status: 'matched', rule: 'operator', invoiceId, reason: 'Dicocokkan oleh operator dari antrean rekonsiliasi' });
    }
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

  /** The event with the tenants its signing account serves. */
  private scoped(inbox: InboxEvent): ScopedEvent {
    return {
      ...inbox,
      tenantId: inbox.accountId === DEFAULT_ACCOUNT_ID ? undefined : inbox.accountId,
      serves: (tenantId) => this.registry.serves(inbox.accountId, tenantId),
    };
  }

  /** A payment is bound to the account it was created with; one from before the binding, to the account serving its tenant. */
  private isBound(payment: LedgerPayment, inbox: ScopedEvent): boolean {
    return payment.gatewayAccount === null ? inbox.serves(payment.tenantId) : payment.gatewayAccount === inbox.accountId;
  }

  /** Parks an event that reaches for what its signing account may not touch, with a security log line. */
  private refuse(inbox: ScopedEvent, reason: string): Applied {
    const { event } = inbox;
    this.securityLog.warn({
      msg: 'gateway event refused: it names a payment or invoice outside its signing account', security: true, gateway: event.gateway,
      accountId: inbox.accountId, inboxId: inbox.id, eventId: event.eventId, gatewayTransactionId: event.gatewayTransactionId, orderId: event.orderId,
    });
    return { status: 'parked', reason: `Ditolak demi keamanan: ${reason}` };
  }

  private async apply(m: EntityManager, batch: LedgerBatch, inbox: ScopedEvent, match: GatewayEventMatch | undefined): Promise<Applied> {
    const { event } = inbox;
    let payment = batch.paymentOf(event.gateway, event.gatewayTransactionId);
    if (payment && !this.isBound(payment, inbox)) {
      return this.refuse(inbox, `transaksi ${event.gateway} ${event.gatewayTransactionId} milik akun gateway lain, bukan akun yang menandatangani notifikasi ini`);
    }
    let matchedRule = payment?.matchedRule ?? null;
    let invoiceId = payment?.invoiceId ?? null;
    if (!invoiceId) {
      if (match?.status === 'foreign') return this.refuse(inbox, match.reason);
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
          tenantId: invoice.tenantId, gateway: event.gateway, gatewayTransactionId: event.gatewayTransactionId, gatewayAccount: inbox.accountId,
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
          await batch.reverse(m, payment, invoice, effect.amount, `Pengembalian dana oleh ${event.gateway} (${event.kind})`, null, { eventId: inbox.id, reason: 'refund', paymentEventId: inbox.id });
          break;
        case 'payment_charged_back':
          await batch.reverse(m, payment, invoice, effect.amount, `Chargeback dari ${event.gateway}`, null, { eventId: inbox.id, reason: 'chargeback', paymentEventId: inbox.id });
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

/** The invoice an event's order id names: by the tenant reference number it carries, else (a bare number) within the signing account's tenant. */
function invoiceNamed({ event, tenantId }: ScopedEvent): InvoiceName {
  const { tenantReferenceNo, invoiceNumber } = parseGatewayReference(event.orderId);
  return tenantReferenceNo === undefined ? { number: invoiceNumber, tenantId } : { number: invoiceNumber, tenantReferenceNo };
}
