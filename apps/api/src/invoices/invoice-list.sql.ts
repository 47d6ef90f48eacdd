import type { ListInvoicesQuery } from '@lunas/contracts';
import { containsPattern, matchingIds, orderBy, pageClause, Where, type ListSql } from '../common/list/list-sql';

const SORT_COLUMNS = { dueAt: 'i.due_at', issuedAt: 'i.issued_at', total: 'i.total', number: 'i.number' };

/** Columns of an invoice summary; `overdueDays`: whole WIB days past due while it owes something (0 otherwise). */
export const INVOICE_SUMMARY_COLUMNS = `
  i.id, i.tenant_id AS "tenantId", i.subscription_id AS "subscriptionId", i.customer_id AS "customerId", c.name AS "customerName",
  i.number, i.period, i.period_start::text AS "periodStart", i.period_end::text AS "periodEnd", i.issued_at AS "issuedAt", i.due_at AS "dueAt",
  i.subtotal::float8 AS subtotal, i.discount_amount::float8 AS "discountAmount", i.dpp::float8 AS dpp, i.ppn_rate::float8 AS "ppnRate",
  i.prices_include_ppn AS "pricesIncludePpn", i.ppn_amount::float8 AS "ppnAmount", i.total::float8 AS total, i.amount_paid::float8 AS "amountPaid",
  CASE WHEN i.status = 'void' THEN 0 ELSE i.total - i.amount_paid END::float8 AS balance, i.status, i.version,
  CASE WHEN i.status IN ('unpaid', 'partial') AND i.due_at < now()
       THEN ((now() AT TIME ZONE 'Asia/Jakarta')::date - (i.due_at AT TIME ZONE 'Asia/Jakarta')::date) ELSE 0 END AS "overdueDays"`;

/**
 * Invoices of a tenant (or all), newest due first: status, period, due-date range (whole WIB days), overdue only,
 * customer, subscription; `q` searches the invoice number and the customer's name.
 */
export function invoiceListSql(tenantId: string | undefined, query: ListInvoicesQuery & { page: number; pageSize: number }): ListSql {
  const where = new Where();
  if (tenantId) where.add('i.tenant_id = $?', tenantId);
  if (query.status) where.add('i.status = $?', query.status);
  if (query.period) where.add('i.period = $?', query.period);
  if (query.customerId) where.add('i.customer_id = $?', query.customerId);
  if (query.subscriptionId) where.add('i.subscription_id = $?', query.subscriptionId);
  if (query.dueFrom) where.add(`i.due_at >= ($?::date::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.dueFrom);
  if (query.dueTo) where.add(`i.due_at < (($?::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.dueTo);
  if (query.overdue !== undefined) where.add(query.overdue ? `i.status IN ('unpaid', 'partial') AND i.due_at < now()` : `NOT (i.status IN ('unpaid', 'partial') AND i.due_at < now())`);
  if (query.q?.trim()) {
    const pattern = where.param(containsPattern(query.q));
    where.add(matchingIds('i.id',
      `SELECT si.id FROM invoices si WHERE si.number ILIKE ${pattern}` +
        ` UNION SELECT si.id FROM invoices si WHERE ${matchingIds('si.customer_id', `SELECT sc.id FROM customers sc WHERE sc.name ILIKE ${pattern}`)}`,
    ));
  }
  const order = orderBy(query.sort, SORT_COLUMNS, '-dueAt', 'i.id');
  // Every filter and sort reads the invoice row alone: the page is chosen first, then only its rows are joined to
  // their customer.
  const page = `(SELECT i.* FROM invoices i ${where} ${order} ${pageClause(query.page, query.pageSize)}) i`;
  return {
    items: { text: `SELECT ${INVOICE_SUMMARY_COLUMNS} FROM ${page} JOIN customers c ON c.id = i.customer_id ${order}`, params: where.params },
    // The search reads invoices (and customers by id): the total needs no join.
    count: { text: `SELECT count(*)::int AS total FROM invoices i ${where}`, params: where.params },
  };
}
