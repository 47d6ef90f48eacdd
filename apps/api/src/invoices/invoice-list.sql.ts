import type { ListInvoicesQuery } from '@lunas/contracts';
import { containsPattern, matchingIds, orderBy, pageClause, Where, type ListSql } from '../common/list/list-sql';
import { REACHED_STEP } from '../reports/dunning-steps';
import { AGING_BUCKET_OF } from '../reports/finance-sql';

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
 * An invoice `i` still owing at the end of the WIB day `day` (as the dashboard counts its outstanding and aging):
 * issued by then, neither void nor paid in full by then.
 */
const OPEN_AT_END_OF = (day: string) => {
  const end = `((${day} + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')`;
  return `(i.issued_at < ${end} AND (i.voided_at IS NULL OR i.voided_at >= ${end}) AND (i.paid_at IS NULL OR i.paid_at >= ${end}))`;
};

/**
 * Invoices of a tenant (or all), newest due first: status, period, issue- and due-date ranges (whole WIB days),
 * overdue only, still owing or in an aging bucket on a day, reached a dunning step, customer, subscription; `q`
 * searches the invoice number and the customer's name. The dashboard's figures link here with these filters.
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
  if (query.issuedFrom) where.add(`i.issued_at >= ($?::date::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.issuedFrom);
  if (query.issuedTo) where.add(`i.issued_at < (($?::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.issuedTo);
  if (query.overdue !== undefined && !query.asOf) {
    where.add(query.overdue ? `i.status IN ('unpaid', 'partial') AND i.due_at < now()` : `NOT (i.status IN ('unpaid', 'partial') AND i.due_at < now())`);
  }
  if (query.open || query.aging || (query.overdue !== undefined && query.asOf)) {
    const asOf = where.param(query.asOf ?? null);
    const day = `coalesce(${asOf}::date, (now() AT TIME ZONE 'Asia/Jakarta')::date)`;
    const pastDue = `(${day} - (i.due_at AT TIME ZONE 'Asia/Jakarta')::date)`;
    if (query.open || query.aging || query.overdue) where.add(OPEN_AT_END_OF(day));
    if (query.aging) where.add(`${AGING_BUCKET_OF(pastDue)} = $?`, query.aging);
    if (query.overdue !== undefined && query.asOf) where.add(query.overdue ? `${pastDue} > 0` : `NOT (${OPEN_AT_END_OF(day)} AND ${pastDue} > 0)`);
  }
  if (query.step) where.add(REACHED_STEP('i', where.param(query.step)));
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
