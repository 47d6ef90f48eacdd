import { Injectable } from '@nestjs/common';
import { subscriptionWorkflowId, type PaymentReceived, type PaymentSource } from '@lunas/contracts';
import { Adjustment, Invoice, Payment, PaymentAllocation, PaymentSignal } from '@lunas/persistence';
import { EntityManager } from 'typeorm';
import { PaymentSignalRelay } from './payment-signal.relay';

/** The invoice figures a caller shows after a change. */
export interface InvoiceBalance {
  invoiceId: string;
  status: Invoice['status'];
  total: number;
  amountPaid: number;
  balance: number;
  version: number;
}

export interface ReceiptResult {
  /** Part of the payment applied to the invoice. */
  allocated: number;
  /** Part beyond the invoice's balance, booked as customer credit. */
  overpayment: number;
  invoice: InvoiceBalance;
  /** The outbox row to dispatch after commit; absent when the payment was signalled before. */
  signalId?: string;
}

export interface ReversalResult {
  /** Taken back from the invoice (its balance reopens). */
  fromInvoice: number;
  /** Taken back from the customer's credit (the overpaid part). */
  fromCredit: number;
  invoice: InvoiceBalance;
}

/**
 * The payment ledger: applies money received to an invoice (allocation, invoice status and version,
 * overpayment as credit) and takes it back (refund, chargeback). Every method runs inside the caller's
 * transaction and locks the invoice row, so concurrent payments of one invoice serialise. Receiving
 * also writes the `paymentReceived` outbox row in the same transaction.
 */
@Injectable()
export class PaymentLedgerService {
  constructor(private readonly relay: PaymentSignalRelay) {}

  /** Locks an invoice row for this transaction (null when absent or of another tenant). */
  lockInvoice(m: EntityManager, invoiceId: string, tenantId?: string): Promise<Invoice | null> {
    const query = m.createQueryBuilder(Invoice, 'i').setLock('pessimistic_write').where('i.id = :invoiceId', { invoiceId });
    if (tenantId) query.andWhere('i.tenantId = :tenantId', { tenantId });
    return query.getOne();
  }

  async receive(m: EntityManager, payment: Payment, invoice: Invoice, source: PaymentSource, paymentEventId?: string): Promise<ReceiptResult> {
    const allocated = Math.max(0, Math.min(payment.amount, invoice.total - invoice.amountPaid));
    const overpayment = payment.amount - allocated;
    if (allocated > 0) {
      await m.insert(PaymentAllocation, { paymentId: payment.id, invoiceId: invoice.id, amount: allocated });
      await this.setAmountPaid(m, invoice, invoice.amountPaid + allocated, payment.paidAt ?? new Date());
    }
    if (overpayment > 0) {
      await m.insert(Adjustment, {
        tenantId: payment.tenantId, customerId: invoice.customerId, kind: 'overpayment', amount: overpayment,
        invoiceId: invoice.id, paymentId: payment.id, reason: `Kelebihan bayar tagihan ${invoice.number}`,
      });
    }
    const signalId = await this.enqueueSignal(m, payment, invoice, source, paymentEventId);
    return { allocated, overpayment, invoice: balanceOf(invoice), signalId };
  }

  /**
   * Takes `amount` back from a received payment: first from what it paid on the invoice (the balance
   * reopens), the rest from the credit its overpayment created.
   */
  async reverse(m: EntityManager, payment: Payment, invoice: Invoice, amount: number, reason: string, actorUserId: string | null): Promise<ReversalResult> {
    const allocation = await m.findOneBy(PaymentAllocation, { paymentId: payment.id, invoiceId: invoice.id });
    const fromInvoice = Math.min(amount, allocation?.amount ?? 0, invoice.amountPaid);
    const fromCredit = amount - fromInvoice;
    if (allocation && fromInvoice > 0) {
      if (fromInvoice === allocation.amount) await m.delete(PaymentAllocation, { id: allocation.id });
      else await m.update(PaymentAllocation, { id: allocation.id }, { amount: allocation.amount - fromInvoice });
      await this.setAmountPaid(m, invoice, invoice.amountPaid - fromInvoice, null);
    }
    if (fromCredit > 0) {
      await m.insert(Adjustment, {
        tenantId: payment.tenantId, customerId: invoice.customerId, kind: 'refund', amount: -fromCredit,
        invoiceId: invoice.id, paymentId: payment.id, reason, createdBy: actorUserId,
      });
    }
    return { fromInvoice, fromCredit, invoice: balanceOf(invoice) };
  }

  /** What of a payment can still be taken back: its allocation plus the credit its overpayment left. */
  async refundable(m: EntityManager, payment: Payment): Promise<number> {
    const [row]: Array<{ allocated: string; credit: string }> = await m.query(
      `SELECT (SELECT COALESCE(sum(amount), 0) FROM payment_allocations WHERE payment_id = $1) AS allocated,
              (SELECT COALESCE(sum(amount), 0) FROM adjustments WHERE payment_id = $1 AND kind IN ('overpayment', 'refund')) AS credit`,
      [payment.id],
    );
    return Number(row.allocated) + Number(row.credit);
  }

  /** Writes the invoice's paid amount and the status it implies; the update bumps the version. */
  private async setAmountPaid(m: EntityManager, invoice: Invoice, amountPaid: number, paidAt: Date | null): Promise<void> {
    const status: Invoice['status'] = amountPaid >= invoice.total ? 'paid' : amountPaid > 0 ? 'partial' : 'unpaid';
    const changes = { amountPaid, status, paidAt: status === 'paid' ? (invoice.paidAt ?? paidAt) : null };
    await m.update(Invoice, { id: invoice.id }, changes);
    Object.assign(invoice, changes, { version: invoice.version + 1 });
  }

  private async enqueueSignal(m: EntityManager, payment: Payment, invoice: Invoice, source: PaymentSource, paymentEventId?: string): Promise<string | undefined> {
    const payload: PaymentReceived = {
      paymentId: payment.id,
      invoiceId: invoice.id,
      amount: payment.amount,
      paidAt: (payment.paidAt ?? new Date()).getTime(),
      source,
    };
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(PaymentSignal)
      .values({
        tenantId: payment.tenantId,
        paymentId: payment.id,
        paymentEventId: paymentEventId ?? null,
        workflowId: subscriptionWorkflowId(invoice.tenantId, invoice.subscriptionId),
        payload: payload as never,
        nextAttemptAt: () => `now() + interval '${Math.round(this.relay.leaseMs)} milliseconds'`,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as Array<{ id: string }>)[0]?.id;
  }
}

export function balanceOf(invoice: Invoice): InvoiceBalance {
  return {
    invoiceId: invoice.id,
    status: invoice.status,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    balance: invoice.total - invoice.amountPaid,
    version: invoice.version,
  };
}
