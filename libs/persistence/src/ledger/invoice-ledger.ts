import type { Actor } from '@lunas/contracts';
import { outstandingOf, settlementStatus, splitReceipt } from '@lunas/domain';
import type { EntityManager } from 'typeorm';
import { Adjustment } from '../entities/adjustment.entity';
import { Invoice } from '../entities/invoice.entity';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';
import { User } from '../entities/user.entity';
import { updateWithVersion } from '../optimistic-lock';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Locks the invoice row for this transaction; null when absent or of another tenant. */
export function lockInvoice(m: EntityManager, tenantId: string, invoiceId: string): Promise<Invoice | null> {
  if (!isUuid(invoiceId)) return Promise.resolve(null);
  return m
    .createQueryBuilder(Invoice, 'i')
    .setLock('pessimistic_write')
    .where('i.id = :invoiceId AND i.tenantId = :tenantId', { invoiceId, tenantId })
    .getOne();
}

/** Late fee on an invoice: the sum of its `late_fee` items (0 after a waiver). */
export async function lateFeeOf(m: EntityManager, invoiceId: string): Promise<number> {
  const [row]: Array<{ fee: string }> = await m.query(
    `SELECT COALESCE(sum(amount), 0) AS fee FROM invoice_items WHERE invoice_id = $1 AND kind = 'late_fee'`,
    [invoiceId],
  );
  return Number(row.fee);
}

export interface OnceAuditEntry {
  tenantId: string;
  action: string;
  entityType: string;
  entityId: string;
  actor?: Actor;
  after: Record<string, unknown>;
}

/**
 * Appends an audit entry unless one with the same idempotency key exists for the entity: a transaction-scoped
 * advisory lock on the key serialises concurrent attempts, and the key is kept in `after.idempotencyKey`
 * (looked up through the `(entity_type, entity_id)` index). Returns false when the entry was there already.
 */
export async function auditOnce(m: EntityManager, entry: OnceAuditEntry, idempotencyKey: string): Promise<boolean> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [idempotencyKey]);
  const actorUserId = entry.actor && isUuid(entry.actor.userId) && (await m.existsBy(User, { id: entry.actor.userId })) ? entry.actor.userId : null;
  // The look-up and the insert in one statement, started once the lock is held (so it sees a competitor's commit).
  const inserted: unknown[] = await m.query(
    `INSERT INTO audit_log (actor_user_id, tenant_id, action, entity_type, entity_id, after)
     SELECT $1::uuid, $2::uuid, $3::varchar, $4::varchar, $5::varchar, $6::jsonb
      WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE entity_type = $4::varchar AND entity_id = $5::varchar AND after ->> 'idempotencyKey' = $7::text)
     RETURNING id`,
    [actorUserId, entry.tenantId, entry.action, entry.entityType, entry.entityId, JSON.stringify({ ...entry.after, ...(entry.actor ? { actor: entry.actor } : {}), idempotencyKey }), idempotencyKey],
  );
  return inserted.length > 0;
}

/** Books `amount` of what was paid on `invoice` as credit of the customer, made by the invoice's subscription. */
export async function creditExcess(m: EntityManager, invoice: Invoice, amount: number, reason: string, paymentId: string | null = null): Promise<void> {
  if (amount <= 0) return;
  await m.insert(Adjustment, {
    tenantId: invoice.tenantId, customerId: invoice.customerId, subscriptionId: invoice.subscriptionId, kind: 'overpayment', amount, invoiceId: invoice.id, paymentId, reason,
  });
}

/**
 * Books a payment received on the locked `invoice`: up to what the invoice owes is allocated to it (its status
 * follows), the rest becomes credit; a payment not yet `succeeded` becomes so.
 */
export async function bookReceipt(m: EntityManager, invoice: Invoice, payment: Payment, paidAt: Date): Promise<{ allocated: number; overpayment: number }> {
  const { allocated, overpayment } = splitReceipt(payment.amount, outstandingOf(invoice));
  if (allocated > 0) {
    await m.insert(PaymentAllocation, { paymentId: payment.id, invoiceId: invoice.id, amount: allocated });
    const amountPaid = invoice.amountPaid + allocated;
    const status = settlementStatus(invoice.total, amountPaid);
    await writeInvoice(m, invoice, { amountPaid, status, paidAt: status === 'paid' ? paidAt : null });
  }
  await creditExcess(m, invoice, overpayment, `Kelebihan bayar tagihan ${invoice.number}`, payment.id);
  if (payment.status !== 'succeeded') await m.update(Payment, { id: payment.id }, { status: 'succeeded', paidAt });
  return { allocated, overpayment };
}

/** Writes `changes` on the locked invoice under its version (which moves on) and mirrors them on the object. */
export async function writeInvoice(m: EntityManager, invoice: Invoice, changes: Partial<Pick<Invoice, 'total' | 'amountPaid' | 'status' | 'paidAt' | 'voidedAt'>>) {
  const outcome = await updateWithVersion(m, Invoice, { id: invoice.id, version: invoice.version, tenantId: invoice.tenantId }, changes);
  // The row is locked by this transaction, so its version cannot have moved since it was read.
  if (outcome !== 'updated') throw new Error(`Invoice ${invoice.id} changed under its row lock (${outcome})`);
  Object.assign(invoice, changes, { version: invoice.version + 1 });
}

/** What of a payment can still be taken back: its allocation plus the credit its overpayment left (less refunds from credit). */
export async function refundableOf(m: EntityManager, paymentId: string): Promise<number> {
  const [row]: Array<{ allocated: string; credit: string }> = await m.query(
    `SELECT (SELECT COALESCE(sum(amount), 0) FROM payment_allocations WHERE payment_id = $1) AS allocated,
            (SELECT COALESCE(sum(amount), 0) FROM adjustments WHERE payment_id = $1 AND kind IN ('overpayment', 'refund')) AS credit`,
    [paymentId],
  );
  return Number(row.allocated) + Number(row.credit);
}
