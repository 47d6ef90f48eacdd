import { BillingRefusal, type AppliedPayment, type ApplyPaymentInput, type BillingActivities } from '@lunas/contracts';
import { outstandingOf } from '@lunas/domain';
import { auditOnce, bookReceipt, type Invoice, isUuid, lockInvoice, Payment, subscriptionCredit } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';
import type { BillingDependencies } from './dependencies';
import { refusal } from './refusal';

/** `gateway` of a payment first recorded by the worker (its signal named a payment the database did not know). */
export const SIGNALLED_PAYMENT_GATEWAY = 'signal';

/** Audit action that marks a payment as applied by the subscription workflow (one per payment id). */
export const PAYMENT_APPLIED_ACTION = 'payment.applied';

/**
 * Applies a `paymentReceived` signal, exactly once per payment id, in one transaction under the invoice's row
 * lock (the lock the API's payment ledger takes too).
 *
 * Allocation rule between API and worker: **the ledger entries (allocation to the invoice, overpayment as credit)
 * are written once, by whoever records the payment row.** The API records gateway, kasir and bank-import payments
 * and allocates them in the same transaction (`LedgerBatch.receive` in @lunas/persistence); the worker then only reads that
 * allocation (a payment refunded since keeps what is left of it). A payment the database does not know, or one
 * still `pending` (a pay link whose webhook has not come), is recorded and allocated here. The workflow's own
 * acknowledgement is an audit entry `payment.applied` keyed by the payment id: once it exists, every later call
 * answers `applied: false` and changes nothing.
 */
export function paymentActivities({ dataSource }: BillingDependencies): Pick<BillingActivities, 'applyPayment'> {
  return {
    applyPayment: (input) =>
      dataSource.transaction(async (m) => {
        const { payment } = input;
        if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) {
          throw refusal(BillingRefusal.InvalidAmount, `Nominal pembayaran harus bilangan bulat rupiah lebih dari 0 (diterima ${payment.amount})`);
        }
        const invoice = await lockInvoice(m, input.tenantId, payment.invoiceId);
        if (!invoice) throw refusal(BillingRefusal.InvoiceNotFound, `Tagihan ${payment.invoiceId} tidak ditemukan`);
        if (invoice.subscriptionId !== input.subscriptionId) {
          throw refusal(BillingRefusal.PaymentInvoiceMismatch, `Tagihan ${invoice.number} bukan milik langganan ini`);
        }
        const row = await findPayment(m, invoice.tenantId, payment.paymentId);
        if (row && ((row.invoiceId !== null && row.invoiceId !== invoice.id) || row.amount !== payment.amount)) {
          throw refusal(BillingRefusal.PaymentInvoiceMismatch, `Pembayaran ${payment.paymentId} tercatat untuk tagihan atau nominal lain`);
        }
        // Recorded and allocated by the API (or refunded since): read, never allocate again.
        const entries =
          row && row.status !== 'pending'
            ? await ledgerEntries(m, row.id)
            : await bookReceipt(m, invoice, row ?? (await recordPayment(m, invoice, input)), new Date(payment.paidAt));
        const applied = await auditOnce(
          m,
          {
            tenantId: invoice.tenantId,
            action: PAYMENT_APPLIED_ACTION,
            entityType: 'payment',
            entityId: payment.paymentId,
            after: { invoiceId: invoice.id, subscriptionId: input.subscriptionId, source: payment.source, ...entries },
          },
          `${PAYMENT_APPLIED_ACTION}:${payment.paymentId}`,
        );
        return {
          applied,
          invoiceId: invoice.id,
          ...entries,
          invoiceBalance: outstandingOf(invoice),
          invoiceStatus: invoice.status,
          credit: await subscriptionCredit(m, invoice.subscriptionId),
        } satisfies AppliedPayment;
      }),
  };
}

function findPayment(m: EntityManager, tenantId: string, paymentId: string): Promise<Payment | null> {
  return isUuid(paymentId)
    ? m.findOneBy(Payment, { id: paymentId, tenantId })
    : m.findOneBy(Payment, { tenantId, gateway: SIGNALLED_PAYMENT_GATEWAY, gatewayTransactionId: paymentId });
}

async function recordPayment(m: EntityManager, invoice: Invoice, { payment }: ApplyPaymentInput): Promise<Payment> {
  const { identifiers } = await m.insert(Payment, {
    ...(isUuid(payment.paymentId) ? { id: payment.paymentId } : {}),
    tenantId: invoice.tenantId,
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    gateway: SIGNALLED_PAYMENT_GATEWAY,
    gatewayTransactionId: payment.paymentId,
    method: payment.source,
    amount: payment.amount,
    status: 'succeeded',
    paidAt: new Date(payment.paidAt),
    matchedRule: 'workflow_signal',
  });
  return m.findOneByOrFail(Payment, { id: identifiers[0]['id'] as string });
}

/** What a payment put on invoices and into credit, from the ledger. */
async function ledgerEntries(m: EntityManager, paymentId: string): Promise<{ allocated: number; overpayment: number }> {
  const [row]: Array<{ allocated: string; overpayment: string }> = await m.query(
    `SELECT (SELECT COALESCE(sum(amount), 0) FROM payment_allocations WHERE payment_id = $1) AS allocated,
            (SELECT COALESCE(sum(amount), 0) FROM adjustments WHERE payment_id = $1 AND kind = 'overpayment') AS overpayment`,
    [paymentId],
  );
  return { allocated: Number(row.allocated), overpayment: Number(row.overpayment) };
}
