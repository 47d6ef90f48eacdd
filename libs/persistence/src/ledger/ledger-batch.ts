import { subscriptionWorkflowId, type BalanceReopened, type CreditMoved, type PaymentReceived, type PaymentSource } from '@lunas/contracts';
import {
  type CreditDraw, type CreditSource, drawCredit, formatCreditNoteNumber, jakartaDateOf, settlementStatus, splitReceipt, splitReversal, totalCredit,
} from '@lunas/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { InvoiceStatus } from '../entities/invoice.entity';
import type { PaymentStatus } from '../entities/payment.entity';
import type { AuditEntry } from './audit-entry';
import { CLAIMED_SIGNAL_COLUMNS, type ClaimedSignal, type OutboxSignal } from './outbox';
import { lockCreditSources } from './customer-credit';
import { WriteStatement } from './sql-rows';

/** An invoice as the ledger reads and changes it (locked for the transaction). */
export interface LedgerInvoice {
  readonly id: string;
  readonly tenantId: string;
  /** The tenant's `reference_no`, the prefix of the references gateways see (see @lunas/payments `formatGatewayReference`). */
  readonly tenantReferenceNo: number;
  readonly subscriptionId: string;
  readonly customerId: string;
  readonly number: string;
  /** The customer's code, and the invoice's dates: what the reconciliation rules match on. */
  readonly customerCode: string;
  readonly issuedAt: Date;
  readonly dueAt: Date;
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
  /** The gateway account bound to the payment (null: manual and bank payments, and rows from before the binding). */
  readonly gatewayAccount: string | null;
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

/** An invoice named by its number, within a tenant (by id, or by the reference number a gateway echoed) when known. */
export interface InvoiceName {
  readonly number: string;
  readonly tenantId?: string;
  readonly tenantReferenceNo?: number;
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
  /** The credit note of a refund (absent for a chargeback), numbered when the batch is flushed. */
  creditNoteId?: string;
  /** Taken back from the invoice (its balance reopens). */
  fromInvoice: number;
  /** Taken back from the customer's credit (the overpaid part). */
  fromCredit: number;
  invoice: InvoiceBalance;
}

/**
 * Why money was taken back, and the id that makes its `balanceReopened` signal unique: the inbox event, or
 * (absent) the refund's credit note.
 */
export type Reopening = (
  | { readonly reason: 'refund'; readonly eventId?: string }
  | { readonly reason: 'chargeback'; readonly eventId: string }
) & {
  /** The inbox row the reversal came from (gateway events): it stays pending until the signal is forwarded. */
  readonly paymentEventId?: string;
};

/** A message for the operators' inbox (idempotent by its key): seen by the tenant's operators holding `permission`. */
export interface OperatorNotice {
  readonly tenantId: string;
  readonly permission: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly idempotencyKey: string;
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
  gateway_account: string | null;
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
  tenant_reference_no: number;
  subscription_id: string;
  customer_id: string;
  customer_code: string;
  issued_at: Date;
  due_at: Date;
  number: string;
  total: string;
  amount_paid: string;
  status: InvoiceStatus;
  paid_at: Date | null;
  version: number;
}

const PAYMENT_SELECT = `
  SELECT p.id, p.tenant_id, p.invoice_id, p.customer_id, p.gateway, p.gateway_transaction_id, p.gateway_account, p.method, p.amount, p.status, p.paid_at,
         p.matched_rule, p.raw, p.recorded_by,
         (SELECT json_agg(json_build_object('id', a.id, 'invoice_id', a.invoice_id, 'amount', a.amount)) FROM payment_allocations a WHERE a.payment_id = p.id) AS allocations
    FROM payments p`;

const PAYMENT_COLUMNS = {
  id: 'uuid', tenant_id: 'uuid', invoice_id: 'uuid', customer_id: 'uuid', gateway: 'varchar', gateway_transaction_id: 'varchar', gateway_account: 'varchar', method: 'varchar',
  amount: 'bigint', status: 'varchar', paid_at: 'timestamptz', matched_rule: 'varchar', raw: 'jsonb', recorded_by: 'uuid',
} as const;

const transactionKey = (gateway: string, transactionId: string) => `${gateway}\u0000${transactionId}`;
const allocationKey = (paymentId: string, invoiceId: string) => `${paymentId}\u0000${invoiceId}`;

/**
 * One unit of work of the payment ledger, for one transaction: locks the invoices and payments it will
 * change in set-based statements (`= ANY`, ordered by id so concurrent batches never deadlock), applies
 * money received to invoices (allocation, status, version, overpayment as credit) and takes it back
 * (refund, chargeback: the balance reopens and `balanceReopened` is queued) in memory, and writes
 * everything — payments, allocations, invoices, credit, outbox rows, audit, operator notices, inbox stamps — in
 * one statement of multi-row parts in {@link flush}. Receiving queues the `paymentReceived` outbox row.
 * A batch of one serves the single-payment paths (kasir, admin refund, bank import); the webhook inbox
 * books many events with one batch, in received order.
 */
export class LedgerBatch {
  private readonly invoices = new Map<string, LedgerInvoice>();
  private readonly payments = new Map<string, LedgerPayment>();
  private readonly allocations = new Map<string, LedgerAllocation>();
  private readonly newPayments = new Set<LedgerPayment>();
  private readonly changedPayments = new Set<LedgerPayment>();
  private readonly changedInvoices = new Set<LedgerInvoice>();
  private readonly adjustments: Array<Record<string, unknown>> = [];
  /** Customers whose credit this batch locked, by source (kept current as the batch books). */
  private readonly credits = new Map<string, CreditSource[]>();
  private readonly creditNotes: Array<Record<string, unknown> & { id: string; tenant_id: string; number: string | null }> = [];
  private readonly creditAllocations: Array<Record<string, unknown>> = [];
  /** `credit_moved` payloads waiting for their credit note's number. */
  private readonly unnumberedMoves: Array<{ creditNoteId: string; payload: CreditMoved }> = [];
  private readonly signals: QueuedSignal[] = [];
  private readonly audits: AuditEntry[] = [];
  private readonly operatorNotices: OperatorNotice[] = [];
  private readonly inboxRows: Array<{ id: string; parked_reason: string | null }> = [];

  /** @param signalLeaseMs how long a new outbox row is reserved for its writer's dispatch after commit (the relay's lease). */
  constructor(private readonly signalLeaseMs: number) {}

  /**
   * Locks the invoices with these ids and those named by number (`named`: of the given tenant, by id or
   * by reference number, or of any tenant when it has neither), all in one statement, and keeps them for the batch. `tenantId` limits
   * everything to one tenant. Returns every invoice locked, by id. (The two sets are a UNION of ids: an
   * OR of both conditions makes PostgreSQL scan every invoice.)
   */
  async lockInvoices(m: EntityManager, ids: readonly string[], options: { tenantId?: string; named?: readonly InvoiceName[] } = {}): Promise<Map<string, LedgerInvoice>> {
    const { tenantId, named = [] } = options;
    const wanted = [...new Set(ids)].filter((id) => !this.invoices.has(id));
    const found = new Map<string, LedgerInvoice>();
    if (wanted.length > 0 || named.length > 0) {
      const rows: InvoiceRow[] = await m.query(
        `SELECT i.id, i.tenant_id, t.reference_no AS tenant_reference_no, i.subscription_id, i.customer_id, c.code AS customer_code, i.issued_at,
                i.due_at, i.number, i.total, i.amount_paid, i.status, i.paid_at, i.version
           FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN tenants t ON t.id = i.tenant_id
          WHERE i.id IN (SELECT unnest($1::uuid[])
                         UNION ALL
                         SELECT x.id FROM unnest($3::varchar[], $4::uuid[], $5::int[]) AS n(number, tenant_id, reference_no)
                           LEFT JOIN tenants nt ON nt.reference_no = n.reference_no
                           JOIN invoices x ON x.number = n.number AND (n.tenant_id IS NULL OR x.tenant_id = n.tenant_id)
                                          AND (n.reference_no IS NULL OR x.tenant_id = nt.id))
            AND ($2::uuid IS NULL OR i.tenant_id = $2)
          ORDER BY i.id FOR UPDATE OF i`,
        [wanted, tenantId ?? null, named.map((n) => n.number), named.map((n) => n.tenantId ?? null), named.map((n) => n.tenantReferenceNo ?? null)],
      );
      for (const row of rows) {
        const invoice = this.invoices.get(row.id) ?? invoiceOf(row);
        this.invoices.set(row.id, invoice);
        found.set(row.id, invoice);
      }
    }
    for (const id of ids) {
      const invoice = this.invoices.get(id);
      if (invoice && (!tenantId || invoice.tenantId === tenantId)) found.set(id, invoice);
    }
    return found;
  }

  async lockInvoice(m: EntityManager, id: string, tenantId?: string): Promise<LedgerInvoice | undefined> {
    return (await this.lockInvoices(m, [id], { tenantId })).get(id);
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
      id: randomUUID(), gatewayAccount: null, invoiceId: null, customerId: null, status: 'pending', paidAt: null, matchedRule: null, raw: null, recordedBy: null,
      ...values,
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
    const { allocated, overpayment } = splitReceipt(payment.amount, invoice.total - invoice.amountPaid);
    if (allocated > 0) {
      const key = allocationKey(payment.id, invoice.id);
      const allocation = this.allocations.get(key) ?? { paymentId: payment.id, invoiceId: invoice.id, storedAmount: 0, amount: 0 };
      allocation.amount += allocated;
      this.allocations.set(key, allocation);
      this.setAmountPaid(invoice, invoice.amountPaid + allocated, payment.paidAt ?? new Date());
    }
    if (overpayment > 0) {
      this.bookCredit(invoice, { subscriptionId: invoice.subscriptionId, amount: overpayment }, {
        kind: 'overpayment', payment_id: payment.id, reason: `Kelebihan bayar tagihan ${invoice.number}`, created_by: null,
      });
    }
    const payload: PaymentReceived = { paymentId: payment.id, invoiceId: invoice.id, amount: payment.amount, paidAt: (payment.paidAt ?? new Date()).getTime(), source };
    this.queueSignal(payment, workflowOf(invoice, invoice.subscriptionId), payment.id, { kind: 'payment_received', payload }, paymentEventId);
    return { allocated, overpayment, invoice: invoiceBalanceOf(invoice) };
  }

  /**
   * Takes `amount` back from a received payment by the ledger's rule ({@link splitReversal}): a refund on a paid
   * invoice comes out of the customer's credit when it covers it — the subscription's own first, then the
   * account's, then other subscriptions' (each an allocation, and that subscription's workflow is told with
   * `creditMoved`); otherwise it comes out of what the payment paid on the invoice (the balance reopens) and the
   * rest out of the credit its overpayment left. A refund is documented by a credit note. The subscription's
   * workflow is told with `balanceReopened` (its balance, and what came out of credit). Locks the customer's row.
   */
  async reverse(
    m: EntityManager, payment: LedgerPayment, invoice: LedgerInvoice, amount: number, reason: string, actorUserId: string | null, reopening: Reopening,
  ): Promise<ReversalResult> {
    const sources = await this.creditSourcesOf(m, invoice.customerId);
    const allocation = this.allocations.get(allocationKey(payment.id, invoice.id));
    const { fromInvoice, fromCredit } = splitReversal({ amount, allocated: allocation?.amount ?? 0, invoice, credit: totalCredit(sources), kind: reopening.reason });
    const creditNoteId = reopening.reason === 'refund' ? randomUUID() : undefined;
    const eventId = reopening.eventId ?? creditNoteId ?? reopening.reason;
    if (creditNoteId) {
      this.creditNotes.push({
        id: creditNoteId, tenant_id: invoice.tenantId, number: null, customer_id: invoice.customerId, subscription_id: invoice.subscriptionId, invoice_id: invoice.id,
        payment_id: payment.id, amount, from_credit: fromCredit, from_invoice: fromInvoice, reason, created_by: actorUserId,
      });
    }
    if (allocation && fromInvoice > 0) {
      allocation.amount -= fromInvoice;
      this.setAmountPaid(invoice, invoice.amountPaid - fromInvoice, null);
    }
    // Out of credit instead of the invoice: drawn over the customer's credit; else the payment's overpayment, on its subscription.
    const draws: CreditDraw[] = fromInvoice === 0 ? drawCredit(sources, invoice.subscriptionId, fromCredit) : [{ subscriptionId: invoice.subscriptionId, amount: fromCredit }];
    for (const draw of draws.filter((d) => d.amount > 0)) {
      this.bookCredit(invoice, { ...draw, amount: -draw.amount }, { kind: 'refund', payment_id: payment.id, credit_note_id: creditNoteId ?? null, reason, created_by: actorUserId });
      if (draw.subscriptionId !== null && draw.subscriptionId !== invoice.subscriptionId && creditNoteId) {
        this.creditAllocations.push({
          tenant_id: invoice.tenantId, customer_id: invoice.customerId, from_subscription_id: draw.subscriptionId, to_subscription_id: invoice.subscriptionId,
          credit_note_id: creditNoteId, amount: draw.amount,
        });
        const moved: CreditMoved = { eventId: `${creditNoteId}:${draw.subscriptionId}`, amount: draw.amount, toSubscriptionId: invoice.subscriptionId, paid: '' };
        this.unnumberedMoves.push({ creditNoteId, payload: moved });
        this.queueSignal(payment, workflowOf(invoice, draw.subscriptionId), moved.eventId, { kind: 'credit_moved', payload: moved }, reopening.paymentEventId);
      }
    }
    const payload: BalanceReopened = {
      eventId, invoiceId: invoice.id, balance: invoice.total - invoice.amountPaid, reason: reopening.reason, ...(fromCredit > 0 ? { fromCredit } : {}),
    };
    this.queueSignal(payment, workflowOf(invoice, invoice.subscriptionId), eventId, { kind: 'balance_reopened', payload }, reopening.paymentEventId);
    return { ...(creditNoteId ? { creditNoteId } : {}), fromInvoice, fromCredit, invoice: invoiceBalanceOf(invoice) };
  }

  /** Queues an audit entry, written with the batch. */
  audit(entry: AuditEntry): void {
    this.audits.push(entry);
  }

  /**
   * Stamps a webhook inbox row booked with the batch: `parked` with the reason, else `pending` while
   * outbox rows of it wait to be forwarded, else `forwarded`.
   */
  markInboxBooked(paymentEventId: string, parkedReason: string | null): void {
    this.inboxRows.push({ id: paymentEventId, parked_reason: parkedReason });
  }

  /** Queues a message for the operators' inbox (skipped if its idempotency key exists). */
  notifyOperators(notice: OperatorNotice): void {
    this.operatorNotices.push(notice);
  }

  /**
   * Writes everything queued in one statement (one part per table and kind of change), in the caller's
   * transaction. New outbox rows are claimed by their writer (`attempts` 1, leased): they are returned,
   * for the relay's `dispatch` after commit — except rows of a workflow whose earlier row
   * waits for a retry or for the poller, which are left due for the poller so the workflow gets its
   * signals in order. Throws {@link PaymentConflictError} when a new payment's gateway transaction was
   * inserted meanwhile by another transaction.
   */
  async flush(m: EntityManager): Promise<ClaimedSignal[]> {
    await this.numberCreditNotes(m);
    const fresh = [...this.newPayments];
    const write = new WriteStatement()
      .insert('new_payments', 'payments', PAYMENT_COLUMNS, fresh.map(paymentRow), 'ON CONFLICT (gateway, gateway_transaction_id) DO NOTHING RETURNING id')
      .add('changed_payments', PAYMENT_COLUMNS, [...this.changedPayments].map(paymentRow), (from) => `
        UPDATE payments p SET invoice_id = v.invoice_id, customer_id = v.customer_id, method = v.method, amount = v.amount, status = v.status,
               paid_at = v.paid_at, matched_rule = v.matched_rule, raw = v.raw, updated_at = now()
          FROM ${from} WHERE p.id = v.id`);
    this.addAllocations(write);
    write
      .add('changed_invoices', { id: 'uuid', amount_paid: 'bigint', status: 'varchar', paid_at: 'timestamptz', version: 'integer' },
        [...this.changedInvoices].map((i) => ({ id: i.id, amount_paid: i.amountPaid, status: i.status, paid_at: i.paidAt, version: i.version })), (from) => `
        UPDATE invoices i SET amount_paid = v.amount_paid, status = v.status, paid_at = v.paid_at, version = v.version, updated_at = now()
          FROM ${from} WHERE i.id = v.id`)
      .insert('new_credit_notes', 'credit_notes', {
        id: 'uuid', tenant_id: 'uuid', number: 'varchar', customer_id: 'uuid', subscription_id: 'uuid', invoice_id: 'uuid', payment_id: 'uuid', amount: 'bigint',
        from_credit: 'bigint', from_invoice: 'bigint', reason: 'text', created_by: 'uuid',
      }, this.creditNotes)
      .insert('new_adjustments', 'adjustments', {
        tenant_id: 'uuid', customer_id: 'uuid', subscription_id: 'uuid', kind: 'varchar', amount: 'bigint', invoice_id: 'uuid', payment_id: 'uuid',
        credit_note_id: 'uuid', reason: 'text', created_by: 'uuid',
      }, this.adjustments)
      .insert('new_credit_allocations', 'credit_allocations', {
        tenant_id: 'uuid', customer_id: 'uuid', from_subscription_id: 'uuid', to_subscription_id: 'uuid', credit_note_id: 'uuid', amount: 'bigint',
      }, this.creditAllocations)
      .add('new_signals', {
        tenant_id: 'uuid', payment_id: 'uuid', payment_event_id: 'uuid', workflow_id: 'varchar', kind: 'varchar', idempotency_key: 'varchar', payload: 'jsonb',
        leased_until: 'timestamptz',
      }, this.signalRows(), (from) => `
        INSERT INTO payment_signals (tenant_id, payment_id, payment_event_id, workflow_id, kind, idempotency_key, payload, attempts, next_attempt_at)
        SELECT v.tenant_id, v.payment_id, v.payment_event_id, v.workflow_id, v.kind, v.idempotency_key, v.payload,
               CASE WHEN w.waits THEN 0 ELSE 1 END, CASE WHEN w.waits THEN now() ELSE v.leased_until END
          FROM ${from}
          CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM payment_signals e WHERE e.workflow_id = v.workflow_id AND e.status = 'pending'
                                               AND (e.last_error IS NOT NULL OR e.next_attempt_at <= now())) AS waits) w
         ORDER BY v.ordinality
        ON CONFLICT (kind, idempotency_key) DO NOTHING
        ${CLAIMED_SIGNAL_COLUMNS}`)
      .insert('new_audit', 'audit_log', {
        actor_user_id: 'uuid', tenant_id: 'uuid', action: 'varchar', entity_type: 'varchar', entity_id: 'varchar', before: 'jsonb', after: 'jsonb', source_ip: 'varchar', reason: 'text',
      }, this.audits.map((e) => ({
        actor_user_id: e.actorUserId, tenant_id: e.tenantId, action: e.action, entity_type: e.entityType, entity_id: e.entityId, before: e.before, after: e.after, source_ip: e.sourceIp,
        reason: e.reason ?? null,
      })))
      .insert('new_operator_notices', 'operator_notifications', {
        tenant_id: 'uuid', permission: 'varchar', kind: 'varchar', title: 'varchar', body: 'text', entity_type: 'varchar', entity_id: 'uuid', idempotency_key: 'varchar',
      }, this.operatorNotices.map((n) => ({
        tenant_id: n.tenantId, permission: n.permission, kind: n.kind, title: n.title, body: n.body, entity_type: n.entityType, entity_id: n.entityId,
        idempotency_key: n.idempotencyKey,
      })), 'ON CONFLICT (idempotency_key) DO NOTHING')
      .add('booked_events', { id: 'uuid', parked_reason: 'text' }, this.inboxRows, (from) => `
        UPDATE payment_events e
           SET booked_at = now(), last_error = v.parked_reason, attempts = 0, next_attempt_at = NULL,
               status = CASE WHEN v.parked_reason IS NOT NULL THEN 'parked' WHEN s.payment_event_id IS NOT NULL THEN 'pending' ELSE 'forwarded' END,
               forwarded_at = CASE WHEN v.parked_reason IS NULL AND s.payment_event_id IS NULL THEN now() END
          FROM ${from} LEFT JOIN (SELECT DISTINCT payment_event_id FROM new_signals) s ON s.payment_event_id = v.id
         WHERE e.id = v.id`);
    let written: { payments: number; claimed: ClaimedSignal[] };
    try {
      [written] = await write.run(m, `
        SELECT (SELECT count(*) FROM new_payments)::int AS payments,
               (SELECT coalesce(json_agg(new_signals ORDER BY seq), '[]') FROM new_signals WHERE attempts = 1) AS claimed`);
    } catch (error) {
      if (fresh.length > 0 && isMissingPayment(error)) throw new PaymentConflictError(fresh.map((p) => `${p.gateway}/${p.gatewayTransactionId}`));
      throw error;
    }
    if (written.payments < fresh.length) throw new PaymentConflictError(fresh.map((p) => `${p.gateway}/${p.gatewayTransactionId}`));
    return written.claimed;
  }

  private keepPayments(rows: readonly PaymentRow[]): void {
    for (const row of rows) {
      this.keepPayment({
        id: row.id, tenantId: row.tenant_id, invoiceId: row.invoice_id, customerId: row.customer_id, gateway: row.gateway, gatewayTransactionId: row.gateway_transaction_id,
        gatewayAccount: row.gateway_account, method: row.method, amount: Number(row.amount), status: row.status, paidAt: row.paid_at, matchedRule: row.matched_rule, raw: row.raw, recordedBy: row.recorded_by,
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
    invoice.status = settlementStatus(invoice.total, amountPaid);
    invoice.paidAt = invoice.status === 'paid' ? (invoice.paidAt ?? paidAt) : null;
    invoice.version += 1;
    this.changedInvoices.add(invoice);
  }

  private queueSignal(payment: LedgerPayment, workflowId: string, idempotencyKey: string, signal: OutboxSignal, paymentEventId?: string): void {
    this.signals.push({ tenantId: payment.tenantId, paymentId: payment.id, paymentEventId: paymentEventId ?? null, workflowId, idempotencyKey, signal });
  }

  /** The customer's credit by source, locked on first use in this batch. */
  private async creditSourcesOf(m: EntityManager, customerId: string): Promise<CreditSource[]> {
    let sources = this.credits.get(customerId);
    if (!sources) {
      sources = await lockCreditSources(m, customerId);
      this.credits.set(customerId, sources);
    }
    return sources;
  }

  /** Queues a credit entry of the invoice's customer (signed `draw.amount`) and keeps the locked credit current. */
  private bookCredit(invoice: LedgerInvoice, draw: CreditDraw, entry: { kind: string; payment_id: string; credit_note_id?: string | null; reason: string; created_by: string | null }): void {
    this.adjustments.push({
      tenant_id: invoice.tenantId, customer_id: invoice.customerId, subscription_id: draw.subscriptionId, amount: draw.amount, invoice_id: invoice.id, ...entry,
    });
    const sources = this.credits.get(invoice.customerId);
    if (!sources) return;
    const source = sources.find((s) => s.subscriptionId === draw.subscriptionId);
    if (source) sources.splice(sources.indexOf(source), 1, { ...source, credit: source.credit + draw.amount });
    else sources.push({ subscriptionId: draw.subscriptionId, credit: draw.amount });
  }

  /**
   * Numbers the batch's credit notes per tenant and Jakarta year (`NK/2026/000001`): one statement reserves a range
   * of each tenant's counter (its row stays locked to the end of the transaction, so numbers never repeat or gap).
   */
  private async numberCreditNotes(m: EntityManager): Promise<void> {
    if (this.creditNotes.length === 0) return;
    const year = Number(jakartaDateOf(Date.now()).slice(0, 4));
    const counts = new Map<string, number>();
    for (const note of this.creditNotes) counts.set(note.tenant_id, (counts.get(note.tenant_id) ?? 0) + 1);
    const rows: Array<{ tenant_id: string; last_value: number }> = await m.query(
      `INSERT INTO credit_note_number_sequences (tenant_id, year, last_value)
       SELECT tenant_id, $2, n FROM unnest($1::uuid[], $3::int[]) AS c (tenant_id, n)
       ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = credit_note_number_sequences.last_value + EXCLUDED.last_value
       RETURNING tenant_id, last_value`,
      [[...counts.keys()], year, [...counts.values()]],
    );
    const next = new Map(rows.map((row) => [row.tenant_id, row.last_value - (counts.get(row.tenant_id) ?? 0) + 1]));
    for (const note of this.creditNotes) {
      const sequence = next.get(note.tenant_id) ?? 1;
      next.set(note.tenant_id, sequence + 1);
      note.number = formatCreditNoteNumber(year, sequence);
    }
    const numbers = new Map(this.creditNotes.map((note) => [note.id, note.number as string]));
    for (const move of this.unnumberedMoves) move.payload.paid = numbers.get(move.creditNoteId) ?? '';
  }

  /** Allocations emptied by reversals are deleted, changed ones updated, new ones inserted. */
  private addAllocations(write: WriteStatement): void {
    const all = [...this.allocations.values()];
    write
      .add('emptied_allocations', { id: 'uuid' }, all.filter((a) => a.id && a.amount === 0 && a.storedAmount > 0).map((a) => ({ id: a.id })), (from) => `
        DELETE FROM payment_allocations a USING ${from} WHERE a.id = v.id`)
      .add('changed_allocations', { id: 'uuid', amount: 'bigint' }, all.filter((a) => a.id && a.amount > 0 && a.amount !== a.storedAmount).map((a) => ({ id: a.id, amount: a.amount })), (from) => `
        UPDATE payment_allocations a SET amount = v.amount FROM ${from} WHERE a.id = v.id`)
      .insert('new_allocations', 'payment_allocations', { payment_id: 'uuid', invoice_id: 'uuid', amount: 'bigint' },
        all.filter((a) => !a.id && a.amount > 0).map((a) => ({ payment_id: a.paymentId, invoice_id: a.invoiceId, amount: a.amount })));
  }

  private signalRows(): Array<Record<string, unknown>> {
    const leasedUntil = new Date(Date.now() + this.signalLeaseMs);
    return this.signals.map((s) => ({
      tenant_id: s.tenantId, payment_id: s.paymentId, payment_event_id: s.paymentEventId, workflow_id: s.workflowId, kind: s.signal.kind,
      idempotency_key: s.idempotencyKey, payload: s.signal.payload, leased_until: leasedUntil,
    }));
  }
}

/** A foreign-key violation on a row that references a payment: the payment was not inserted (a concurrent insert won). */
function isMissingPayment(error: unknown): boolean {
  const { code, detail } = error as { code?: string; detail?: string };
  return code === '23503' && typeof detail === 'string' && detail.includes('(payment_id)');
}

export function invoiceBalanceOf({ id: invoiceId, status, total, amountPaid, version }: LedgerInvoice): InvoiceBalance {
  return { invoiceId, status, total, amountPaid, balance: total - amountPaid, version };
}

/** The workflow of `subscriptionId` (of the invoice's tenant). */
function workflowOf(invoice: LedgerInvoice, subscriptionId: string): string {
  return subscriptionWorkflowId(invoice.tenantId, subscriptionId);
}

function invoiceOf(row: InvoiceRow): LedgerInvoice {
  return {
    id: row.id, tenantId: row.tenant_id, tenantReferenceNo: row.tenant_reference_no, subscriptionId: row.subscription_id, customerId: row.customer_id, number: row.number,
    customerCode: row.customer_code, issuedAt: row.issued_at, dueAt: row.due_at,
    total: Number(row.total), amountPaid: Number(row.amount_paid), status: row.status, paidAt: row.paid_at, version: row.version,
  };
}

function paymentRow(p: LedgerPayment): Record<string, unknown> {
  return {
    id: p.id, tenant_id: p.tenantId, invoice_id: p.invoiceId, customer_id: p.customerId, gateway: p.gateway, gateway_transaction_id: p.gatewayTransactionId,
    gateway_account: p.gatewayAccount, method: p.method, amount: p.amount, status: p.status, paid_at: p.paidAt, matched_rule: p.matchedRule, raw: p.raw, recorded_by: p.recordedBy,
  };
}
