import { type CreditDraw, DEFAULT_INVOICE_NUMBER_PREFIX, formatInvoiceNumber, INVOICE_SEQUENCE_DIGITS, jakartaDateOf } from '@lunas/domain';
import { EntityManager } from 'typeorm';
import type { Invoice, InvoiceItemKind } from './entities';

/** The invoice number prefix of tenant `$1` in its settings version effective at the issue instant `$11`. */
const INVOICE_PREFIX_AT_ISSUE = `coalesce((
  SELECT v.settings->>'invoiceNumberPrefix' FROM tenant_settings_versions v
   WHERE v.tenant_id = $1 AND v.effective_from <= $11 ORDER BY v.effective_from DESC, v.version DESC LIMIT 1), '${DEFAULT_INVOICE_NUMBER_PREFIX}')`;

/** One line of an invoice as {@link insertNumberedInvoice} writes it. */
export interface NumberedInvoiceItem {
  readonly kind: InvoiceItemKind;
  readonly description: string;
  readonly amount: number;
}

/**
 * Customer credit the new invoice spends: an `applied` adjustment of −amount per source, and a credit allocation
 * for each source that is another subscription.
 */
export interface AppliedCredit {
  readonly draws: readonly CreditDraw[];
  readonly reason: string;
}

/** Every column of the invoice row except its number (allocated by the statement) and the database defaults. */
export type UnnumberedInvoice = Pick<
  Invoice,
  | 'id' | 'tenantId' | 'subscriptionId' | 'customerId' | 'period' | 'periodStart' | 'periodEnd' | 'issuedAt' | 'dueAt'
  | 'subtotal' | 'discountAmount' | 'discountSnapshot' | 'dpp' | 'ppnRate' | 'pricesIncludePpn' | 'ppnAmount' | 'total' | 'amountPaid' | 'status'
  | 'paidAt' | 'receiptToken'
>;

/**
 * Inserts an invoice with the next number of its tenant for the Jakarta month of `issuedAt` (e.g.
 * `INV/2026/11/000123`, with the prefix of the tenant's settings in effect at `issuedAt`), its items in order and the credit it spends — all in ONE statement, and returns the number.
 *
 * The per-tenant counter row is locked only while that statement runs (or, inside a transaction, until it ends;
 * call it last). Issuing is serial per tenant, so the lock must not wait on the client: with the insert in the
 * same statement, a run of 10 000 invoices of one tenant is no longer bounded by client round trips under the lock.
 * Numbers never repeat, and a failing insert (for example the unique (subscription, period) of a concurrent
 * attempt) rolls the counter back with it: no gaps.
 */
export async function insertNumberedInvoice(
  manager: EntityManager,
  invoice: UnnumberedInvoice,
  items: readonly NumberedInvoiceItem[],
  credit: AppliedCredit | null,
): Promise<string> {
  const [year, month] = jakartaDateOf(invoice.issuedAt.getTime()).split('-').map(Number);
  const first = formatInvoiceNumber({ year, month, sequence: 1 });
  // `/YYYY/MM/`: the tenant's prefix in effect at the issue instant (its settings, `INV` by default) goes before it.
  const yearMonth = first.slice(first.indexOf('/'), first.lastIndexOf('/') + 1);
  const rows: Array<{ number: string }> = await manager.query(
    `WITH sequence AS (
       INSERT INTO invoice_number_sequences (tenant_id, period, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, period) DO UPDATE SET last_value = invoice_number_sequences.last_value + 1
       RETURNING last_value::text AS value
     ), invoice AS (
       INSERT INTO invoices (id, tenant_id, subscription_id, customer_id, number, period, period_start, period_end, issued_at, due_at,
                             subtotal, discount_amount, discount_snapshot, dpp, ppn_rate, ppn_amount, total, amount_paid, status, paid_at,
                             receipt_token, prices_include_ppn)
       SELECT $3, $1, $4, $5, ${INVOICE_PREFIX_AT_ISSUE} || $6 || lpad(value, greatest($7, length(value)), '0'), $8, $9, $10, $11, $12,
              $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $29
         FROM sequence
       RETURNING id, number
     ), items AS (
       INSERT INTO invoice_items (invoice_id, kind, description, amount, position)
       SELECT invoice.id, item.kind, item.description, item.amount, item.position - 1
         FROM invoice, unnest($24::varchar[], $25::varchar[], $26::bigint[]) WITH ORDINALITY AS item (kind, description, amount, position)
     ), credit AS (
       INSERT INTO adjustments (tenant_id, customer_id, subscription_id, kind, amount, invoice_id, reason)
       SELECT $1, $5, d.subscription_id, 'applied', -d.amount, invoice.id, $28 FROM invoice, unnest($27::uuid[], $30::bigint[]) AS d (subscription_id, amount)
     ), allocations AS (
       INSERT INTO credit_allocations (tenant_id, customer_id, from_subscription_id, to_subscription_id, invoice_id, amount)
       SELECT $1, $5, d.subscription_id, $4, invoice.id, d.amount FROM invoice, unnest($27::uuid[], $30::bigint[]) AS d (subscription_id, amount)
        WHERE d.subscription_id IS NOT NULL AND d.subscription_id <> $4::uuid
     )
     SELECT number FROM invoice`,
    [
      invoice.tenantId, `${year}-${String(month).padStart(2, '0')}`, invoice.id, invoice.subscriptionId, invoice.customerId,
      yearMonth, INVOICE_SEQUENCE_DIGITS, invoice.period, invoice.periodStart, invoice.periodEnd, invoice.issuedAt, invoice.dueAt,
      invoice.subtotal, invoice.discountAmount, invoice.discountSnapshot === null ? null : JSON.stringify(invoice.discountSnapshot),
      invoice.dpp, invoice.ppnRate, invoice.ppnAmount, invoice.total, invoice.amountPaid, invoice.status, invoice.paidAt,
      invoice.receiptToken,
      items.map((item) => item.kind), items.map((item) => item.description), items.map((item) => item.amount),
      credit?.draws.map((draw) => draw.subscriptionId) ?? [], credit?.reason ?? null, invoice.pricesIncludePpn,
      credit?.draws.map((draw) => draw.amount) ?? [],
    ],
  );
  return rows[0].number;
}
