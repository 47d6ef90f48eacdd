import { subscriptionWorkflowId, type BalanceReopened, type PaymentReceived, type PaymentSource } from '@lunas/contracts';
import type { InvoiceStatus, PaymentStatus } from '@lunas/persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../audit/audit.service';
import type { OutboxSignal } from './payment-signal.sender';
import { insertRows, rowsSource } from './sql-rows';

/** An invoice as the ledger reads and changes it (locked for the transaction). */
export interface LedgerInvoice {
  readonly id: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly customerId: string;
  readonly number: string;
  readonly total: number;
  amountPaid: number;
  status: InvoiceStatus;
  paidAt: Date | null;
  version: number;
}

/** A payment as the ledger reads and changes it (locked for the transaction, or new in this batch). */
export interface LedgerPayment {
  readonly id: string;
  readonly tenantId: string;
  readonly gateway: string;
  readonly gatewayTransactionId: string;
  invoiceId: string | null;
  customerId: string | null;
  method: string;
  amount: number;
  status: PaymentStatus;
  paidAt: Date | null;
  matchedRule: string | null;
  raw: Record<string, unknown> | null;
  readonly recordedBy: string | null;
}

/** What a new payment needs; the rest defaults (pending, unpaid, unmatched). */
export type NewPayment = Pick<LedgerPayment, 'tenantId' | 'gateway' | 'gatewayTransactionId' | 'method' | 'amount'> & Partial<LedgerPayment>;

/** The changeable fields of a payment. */
export type PaymentChanges = Partial<Pick<LedgerPayment, 'invoiceId' | 'customerId' | 'amount' | 'status' | 'paidAt' | 'matchedRule' | 'raw'>>;

/** The invoice figures a caller shows after a change. */
export interface InvoiceBalance {
  invoiceId: string;
  status: InvoiceStatus;
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
}

export interface ReversalResult {
  /** Taken back from the invoice (its balance reopens). */
  fromInvoice: number;
  /** Taken back from the customer's credit (the overpaid part). */
  fromCredit: number;
  invoice: InvoiceBalance;
}

/** Why money was taken back, and the id that makes its `balanceReopened` signal unique (inbox event or credit note). */
export interface Reopening {
  readonly eventId: string;
  readonly reason: BalanceReopened['reason'];
  /** The inbox row the reversal came from (gateway events): it stays pending until the signal is forwarded. */
  readonly paymentEventId?: string;
}

/** A notice queued for the notification log (idempotent by its key). */
export interface QueuedNotification {
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly subscriptionId: string;
  readonly template: string;
  readonly recipient: string;
  readonly idempotencyKey: string;
  readonly body: string;
}

/** What {@link LedgerBatch.flush} wrote to the outbox: the new rows to dispatch after commit. */
export interface FlushedSignals {
  readonly signalIds: string[];
  /** New outbox rows per inbox event (gateway events only). */
  readonly byPaymentEvent: ReadonlyMap<string, string[]>;
}

/** A payment of the batch was inserted concurrently by another transaction: book again (it now exists). */
export class PaymentConflictError extends Error {
  constructor(readonly transactions: readonly string[]) {
    super(`payments inserted concurrently: ${transactions.join(', ')}`);
  }
}

interface LedgerAllocation {
  readonly paymentId: string;
  readonly invoiceId: string;
  /** Absent for an allocation new in this batch. */
  readonly id?: string;
  readonly storedAmount: number;
  amount: number;
}

interface QueuedSignal {
  readonly tenantId: string;
  readonly paymentId: string;
  readonly paymentEventId: string | null;
  readonly workflowId: string;
  readonly idempotencyKey: string;
  readonly signal: OutboxSignal;
}

interface PaymentRow {
  id: string;
  tenant_id: string;
  invoice_id: string | null;
  customer_id: string | null;
  gateway: string;
  gateway_transaction_id: string;
  method: string;
  amount: string;
  status: PaymentStatus;
  paid_at: Date | null;
  matched_rule: string | null;
  raw: Record<string, unknown> | null;
  recorded_by: string | null;
  allocations: Array<{ id: string; invoice_id: string; amount: number }> | null;
}

interface InvoiceRow {
  id: string;
  tenant_id: string;
  subscription_id: string;
  customer_id: string;
  number: string;
  total: string;
  amount_paid: string;
  status: InvoiceStatus;
  paid_at: Date | null;
  version: number;
}

const PAYMENT_SELECT = `
  SELECT p.id, p.tenant_id, p.invoice_id, p.customer_id, p.gateway, p.gateway_transaction_id, p.method, p.amount, p.status, p.paid_at,
         p.matched_rule, p.raw, p.recorded_by,
         (SELECT json_agg(json_build_object('id', a.id, 'invoice_id', a.invoice_id, 'amount', a.amount)) FROM payment_allocations a WHERE a.payment_id = p.id) AS allocations
    FROM payments p`;

const PAYMENT_COLUMNS = {
  id: 'uuid', tenant_id: 'uuid', invoice_id: 'uuid', customer_id: 'uuid', gateway: 'varchar', gateway_transaction_id: 'varchar', method: 'varchar',
  amount: 'bigint', status: 'varchar', paid_at: 'timestamptz', matched_rule: 'varchar', raw: 'jsonb', recorded_by: 'uuid',
} as const;

const transactionKey = (gateway: string, transactionId: string) => `${gateway}\u0000${transactionId}`;
const allocationKey = (paymentId: string, invoiceId: string) => `${paymentId}\u0000${invoiceId}`;

/**
 * One unit of work of the payment ledger, for one transaction: locks the invoices and payments it will
 * change in set-based statements (`= ANY`, ordered by id so concurrent batches never deadlock), applies
 * money received to invoices (allocation, status, version, overpayment as credit) and takes it back
 * (refund, chargeback: the balance reopens and `balanceReopened` is queued) in memory, and writes
 * everything with one multi-row statement per table in {@link flush}. Receiving queues the
 * `paymentReceived` outbox row. A batch of one serves the single-payment paths (kasir, admin refund);
 * the webhook inbox books many events with one batch, in received order.
 */
export class LedgerBatch {
  private readonly invoices = new Map<string, LedgerInvoice>();
  private readonly payments = new Map<string, LedgerPayment>();
  private readonly allocations = new Map<string, LedgerAllocation>();
  private readonly newPayments = new Set<LedgerPayment>();
  private readonly changedPayments = new Set<LedgerPayment>();
  private readonly changedInvoices = new Set<LedgerInvoice>();
  private readonly adjustments: Array<Record<string, unknown>> = [];
  private readonly signals: QueuedSignal[] = [];
  private readonly audits: AuditEntry[] = [];
  private readonly notifications: QueuedNotification[] = [];

  /** @param signalLeaseMs how long a new outbox row is reserved for the dispatch after commit (the relay's lease). */
  constructor(private readonly signalLeaseMs: number) {}

  /** Locks the invoices (of `tenantId` only, when given) and keeps them for the batch; returns those found. */
  async lockInvoices(m: EntityManager, ids: readonly string[], tenantId?: string): Promise<Map<string, LedgerInvoice>> {
    const wanted = [...new Set(ids)].filter((id) => !this.invoices.has(id));
    if (wanted.length > 0) {
      const rows: InvoiceRow[] = await m.query(
        `SELECT id, tenant_id, subscription_id, customer_id, number, total, amount_paid, status, paid_at, version
           FROM invoices WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR tenant_id = $2) ORDER BY id FOR UPDATE`,
        [wanted, tenantId ?? null],
      );
      for (const row of rows) this.invoices.set(row.id, invoiceOf(row));
    }
    const found = new Map<string, LedgerInvoice>();
    for (const id of ids) {
      const invoice = this.invoices.get(id);
      if (invoice && (!tenantId || invoice.tenantId === tenantId)) found.set(id, invoice);
    }
    return found;
  }

  async lockInvoice(m: EntityManager, id: string, tenantId?: string): Promise<LedgerInvoice | undefined> {
    return (await this.lockInvoices(m, [id], tenantId)).get(id);
  }

  /** Locks payments by id, with their allocations. */
  async lockPayments(m: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    this.keepPayments(await m.query(`${PAYMENT_SELECT} WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`, [ids]));
  }

  /** Locks the payments of gateway transactions, with their allocations. */
  async lockTransactions(m: EntityManager, transactions: ReadonlyArray<{ gateway: string; transactionId: string }>): Promise<void> {
    if (transactions.length === 0) return;
    const rows: PaymentRow[] = await m.query(
      `${PAYMENT_SELECT} WHERE (p.gateway, p.gateway_transaction_id) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[])) ORDER BY p.id FOR UPDATE OF p`,
      [transactions.map((t) => t.gateway), transactions.map((t) => t.transactionId)],
    );
    this.keepPayments(rows);
  }

  payment(id: string): LedgerPayment | undefined {
    return this.payments.get(id);
  }

  /** The payment of a gateway transaction, locked or created in this batch. */
  paymentOf(gateway: string, transactionId: string): LedgerPayment | undefined {
    return this.payments.get(transactionKey(gateway, transactionId));
  }

  invoice(id: string): LedgerInvoice | undefined {
    return this.invoices.get(id);
  }

  /** A payment inserted by {@link flush} (its id is known now). */
  createPayment(values: NewPayment): LedgerPayment {
    const payment: LedgerPayment = {
      id: randomUUID(), invoiceId: null, customerId: null, status: 'pending', paidAt: null, matchedRule: null, raw: null, recordedBy: null, ...values,
    };
    this.newPayments.add(payment);
    this.keepPayment(payment);
    return payment;
  }

  updatePayment(payment: LedgerPayment, changes: PaymentChanges): LedgerPayment {
    Object.assign(payment, changes);
    if (!this.newPayments.has(payment)) this.changedPayments.add(payment);
    return payment;
  }

  /** Applies a received payment to the invoice; the excess becomes credit; queues `paymentReceived`. */
  receive(payment: LedgerPayment, invoice: LedgerInvoice, source: PaymentSource, paymentEventId?: string): ReceiptResult {
    const allocated = Math.max(0, Math.min(payment.amount, invoice.total - invoice.amountPaid));
    const overpayment = payment.amount - allocated;
    if (allocated > 0) {
      const key = allocationKey(payment.id, invoice.id);
      const allocation = this.allocations.get(key) ?? { paymentId: payment.id, invoiceId: invoice.id, storedAmount: 0, amount: 0 };
      allocation.amount += allocated;
      this.allocations.set(key, allocation);
      this.setAmountPaid(invoice, invoice.amountPaid + allocated, payment.paidAt ?? new Date());
    }
    if (overpayment > 0) {
      this.adjustments.push({
        tenant_id: payment.tenantId, customer_id: invoice.customerId, kind: 'overpayment', amount: overpayment, invoice_id: invoice.id,
        payment_id: payment.id, reason: `Kelebihan bayar tagihan ${invoice.number}`, created_by: null,
      });
    }
    const payload: PaymentReceived = { paymentId: payment.id, invoiceId: invoice.id, amount: payment.amount, paidAt: (payment.paidAt ?? new Date()).getTime(), source };
    this.queueSignal(payment, invoice, payment.id, { kind: 'payment_received', payload }, paymentEventId);
    return { allocated, overpayment, invoice: balanceOf(invoice) };
  }

  /**
   * Takes `amount` back from a received payment: first from what it paid on the invoice (the balance
   * reopens and `balanceReopened` is queued), the rest from the credit its overpayment created.
   */
  reverse(payment: LedgerPayment, invoice: LedgerInvoice, amount: number, reason: string, actorUserId: string | null, reopening: Reopening): ReversalResult {
    const allocation = this.allocations.get(allocationKey(payment.id, invoice.id));
    const fromInvoice = Math.min(amount, allocation?.amount ?? 0, invoice.amountPaid);
    const fromCredit = amount - fromInvoice;
    if (allocation && fromInvoice > 0) {
      allocation.amount -= fromInvoice;
      this.setAmountPaid(invoice, invoice.amountPaid - fromInvoice, null);
      const payload: BalanceReopened = { eventId: reopening.eventId, invoiceId: invoice.id, balance: invoice.total - invoice.amountPaid, reason: reopening.reason };
      this.queueSignal(payment, invoice, reopening.eventId, { kind: 'balance_reopened', payload }, reopening.paymentEventId);
    }
    if (fromCredit > 0) {
      this.adjustments.push({
        tenant_id: payment.tenantId, customer_id: invoice.customerId, kind: 'refund', amount: -fromCredit, invoice_id: invoice.id,
        payment_id: payment.id, reason, created_by: actorUserId,
      });
    }
    return { fromInvoice, fromCredit, invoice: balanceOf(invoice) };
  }

  /** Queues an audit entry, written with the batch. */
  audit(entry: AuditEntry): void {
    this.audits.push(entry);
  }

  /** Queues a notice for the notification log (skipped if its idempotency key exists). */
  notify(notification: QueuedNotification): void {
    this.notifications.push(notification);
  }

  /**
   * Writes everything queued, one statement per table and kind of change, in the caller's transaction.
   * Throws {@link PaymentConflictError} when a new payment's gateway transaction was inserted meanwhile.
   */
  async flush(m: EntityManager): Promise<FlushedSignals> {
    await this.writePayments(m);
    await this.writeAllocations(m);
    await this.writeInvoices(m);
    await insertRows(m, 'adjustments', {
      tenant_id: 'uuid', customer_id: 'uuid', kind: 'varchar', amount: 'bigint', invoice_id: 'uuid', payment_id: 'uuid', reason: 'text', created_by: 'uuid',
    }, this.adjustments);
    const signals = await this.writeSignals(m);
    await insertRows(m, 'audit_log', {
      actor_user_id: 'uuid', tenant_id: 'uuid', action: 'varchar', entity_type: 'varchar', entity_id: 'varchar', before: 'jsonb', after: 'jsonb', source_ip: 'varchar',
    }, this.audits.map((entry) => ({
      actor_user_id: entry.actorUserId, tenant_id: entry.tenantId, action: entry.action, entity_type: entry.entityType, entity_id: entry.entityId,
      before: entry.before, after: entry.after, source_ip: entry.sourceIp,
    })));
    await insertRows(m, 'notification_log', {
      tenant_id: 'uuid', invoice_id: 'uuid', customer_id: 'uuid', subscription_id: 'uuid', channel: 'varchar', template: 'varchar', recipient: 'varchar',
      idempotency_key: 'varchar', status: 'varchar', body: 'text',
    }, this.notifications.map((n) => ({
      tenant_id: n.tenantId, invoice_id: n.invoiceId, customer_id: n.customerId, subscription_id: n.subscriptionId, channel: 'whatsapp', template: n.template,
      recipient: n.recipient, idempotency_key: n.idempotencyKey, status: 'pending', body: n.body,
    })), 'ON CONFLICT (idempotency_key) DO NOTHING');
    return signals;
  }

  private keepPayments(rows: readonly PaymentRow[]): void {
    for (const row of rows) {
      this.keepPayment({
        id: row.id, tenantId: row.tenant_id, invoiceId: row.invoice_id, customerId: row.customer_id, gateway: row.gateway, gatewayTransactionId: row.gateway_transaction_id,
        method: row.method, amount: Number(row.amount), status: row.status, paidAt: row.paid_at, matchedRule: row.matched_rule, raw: row.raw, recordedBy: row.recorded_by,
      });
      for (const a of row.allocations ?? []) {
        this.allocations.set(allocationKey(row.id, a.invoice_id), { id: a.id, paymentId: row.id, invoiceId: a.invoice_id, storedAmount: Number(a.amount), amount: Number(a.amount) });
      }
    }
  }

  private keepPayment(payment: LedgerPayment): void {
    this.payments.set(payment.id, payment);
    this.payments.set(transactionKey(payment.gateway, payment.gatewayTransactionId), payment);
  }

  /** Writes the invoice's paid amount and the status it implies; each change bumps the version. */
  private setAmountPaid(invoice: LedgerInvoice, amountPaid: number, paidAt: Date | null): void {
    invoice.amountPaid = amountPaid;
    invoice.status = amountPaid >= invoice.total ? 'paid' : amountPaid > 0 ? 'partial' : 'unpaid';
    invoice.paidAt = invoice.status === 'paid' ? (invoice.paidAt ?? paidAt) : null;
    invoice.version += 1;
    this.changedInvoices.add(invoice);
  }

  private queueSignal(payment: LedgerPayment, invoice: LedgerInvoice, idempotencyKey: string, signal: OutboxSignal, paymentEventId?: string): void {
    this.signals.push({
      tenantId: payment.tenantId, paymentId: payment.id, paymentEventId: paymentEventId ?? null,
      workflowId: subscriptionWorkflowId(invoice.tenantId, invoice.subscriptionId), idempotencyKey, signal,
    });
  }

  private async writePayments(m: EntityManager): Promise<void> {
    const fresh = [...this.newPayments];
    const inserted = await insertRows<{ id: string }>(m, 'payments', PAYMENT_COLUMNS, fresh.map(paymentRow), 'ON CONFLICT (gateway, gateway_transaction_id) DO NOTHING RETURNING id');
    if (inserted.length < fresh.length) {
      const ids = new Set(inserted.map((row) => row.id));
      throw new PaymentConflictError(fresh.filter((payment) => !ids.has(payment.id)).map((payment) => `${payment.gateway}/${payment.gatewayTransactionId}`));
    }
    if (this.changedPayments.size === 0) return;
    const source = rowsSource(PAYMENT_COLUMNS, [...this.changedPayments].map(paymentRow));
    await m.query(
      `UPDATE payments p SET invoice_id = v.invoice_id, customer_id = v.customer_id, method = v.method, amount = v.amount, status = v.status, paid_at = v.paid_at,
              matched_rule = v.matched_rule, raw = v.raw, updated_at = now()
         FROM ${source.from} WHERE p.id = v.id`,
      source.params,
    );
  }

  private async writeAllocations(m: EntityManager): Promise<void> {
    const all = [...this.allocations.values()];
    const emptied = all.filter((a) => a.id && a.amount === 0 && a.storedAmount > 0).map((a) => a.id);
    if (emptied.length > 0) await m.query(`DELETE FROM payment_allocations WHERE id = ANY($1::uuid[])`, [emptied]);
    const changed = all.filter((a) => a.id && a.amount > 0 && a.amount !== a.storedAmount);
    if (changed.length > 0) {
      const source = rowsSource({ id: 'uuid', amount: 'bigint' }, changed.map((a) => ({ id: a.id, amount: a.amount })));
      await m.query(`UPDATE payment_allocations a SET amount = v.amount FROM ${source.from} WHERE a.id = v.id`, source.params);
    }
    const added = all.filter((a) => !a.id && a.amount > 0).map((a) => ({ payment_id: a.paymentId, invoice_id: a.invoiceId, amount: a.amount }));
    await insertRows(m, 'payment_allocations', { payment_id: 'uuid', invoice_id: 'uuid', amount: 'bigint' }, added);
  }

  private async writeInvoices(m: EntityManager): Promise<void> {
    if (this.changedInvoices.size === 0) return;
    const rows = [...this.changedInvoices].map((i) => ({ id: i.id, amount_paid: i.amountPaid, status: i.status, paid_at: i.paidAt, version: i.version }));
    const source = rowsSource({ id: 'uuid', amount_paid: 'bigint', status: 'varchar', paid_at: 'timestamptz', version: 'integer' }, rows);
    await m.query(
      `UPDATE invoices i SET amount_paid = v.amount_paid, status = v.status, paid_at = v.paid_at, version = v.version, updated_at = now()
         FROM ${source.from} WHERE i.id = v.id`,
      source.params,
    );
  }

  private async writeSignals(m: EntityManager): Promise<FlushedSignals> {
    const nextAttemptAt = new Date(Date.now() + this.signalLeaseMs);
    const inserted = await insertRows<{ id: string; payment_event_id: string | null }>(
      m,
      'payment_signals',
      { tenant_id: 'uuid', payment_id: 'uuid', payment_event_id: 'uuid', workflow_id: 'varchar', kind: 'varchar', idempotency_key: 'varchar', payload: 'jsonb', next_attempt_at: 'timestamptz' },
      this.signals.map((s) => ({
        tenant_id: s.tenantId, payment_id: s.paymentId, payment_event_id: s.paymentEventId, workflow_id: s.workflowId, kind: s.signal.kind,
        idempotency_key: s.idempotencyKey, payload: s.signal.payload, next_attempt_at: nextAttemptAt,
      })),
      'ON CONFLICT (kind, idempotency_key) DO NOTHING RETURNING id, payment_event_id',
    );
    const byPaymentEvent = new Map<string, string[]>();
    for (const row of inserted) {
      if (row.payment_event_id) byPaymentEvent.set(row.payment_event_id, [...(byPaymentEvent.get(row.payment_event_id) ?? []), row.id]);
    }
    return { signalIds: inserted.map((row) => row.id), byPaymentEvent };
  }
}

export function balanceOf(invoice: LedgerInvoice): InvoiceBalance {
  return {
    invoiceId: invoice.id,
    status: invoice.status,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    balance: invoice.total - invoice.amountPaid,
    version: invoice.version,
  };
}

function invoiceOf(row: InvoiceRow): LedgerInvoice {
  return {
    id: row.id, tenantId: row.tenant_id, subscriptionId: row.subscription_id, customerId: row.customer_id, number: row.number,
    total: Number(row.total), amountPaid: Number(row.amount_paid), status: row.status, paidAt: row.paid_at, version: row.version,
  };
}

function paymentRow(p: LedgerPayment): Record<string, unknown> {
  return {
    id: p.id, tenant_id: p.tenantId, invoice_id: p.invoiceId, customer_id: p.customerId, gateway: p.gateway, gateway_transaction_id: p.gatewayTransactionId,
    method: p.method, amount: p.amount, status: p.status, paid_at: p.paidAt, matched_rule: p.matchedRule, raw: p.raw, recorded_by: p.recordedBy,
  };
}
