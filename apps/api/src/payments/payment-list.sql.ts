import type { ListPaymentsQuery } from '@lunas/contracts';
import { containsPattern, orderBy, pageClause, Where, type ListSql } from '../common/list/list-sql';

const SORT_COLUMNS = { paidAt: 'p.paid_at', amount: 'p.amount', createdAt: 'p.created_at' };

/**
 * Payments of a tenant (or all), newest first: gateway, method, status, customer, invoice, paid-day range (WIB);
 * `q` searches the gateway reference, the invoice number and the customer's name.
 */
export function paymentListSql(tenantId: string | undefined, query: ListPaymentsQuery & { page: number; pageSize: number }): ListSql {
  const where = new Where();
  if (tenantId) where.add('p.tenant_id = $?', tenantId);
  if (query.gateway) where.add('p.gateway = $?', query.gateway);
  if (query.method) where.add('p.method = $?', query.method);
  if (query.status) where.add('p.status = $?', query.status);
  if (query.customerId) where.add('p.customer_id = $?', query.customerId);
  if (query.invoiceId) where.add('p.invoice_id = $?', query.invoiceId);
  if (query.from) where.add(`p.paid_at >= ($?::date::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.from);
  if (query.to) where.add(`p.paid_at < (($?::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.to);
  if (query.q?.trim()) {
    const pattern = where.param(containsPattern(query.q));
    where.add(`(p.gateway_transaction_id ILIKE ${pattern} OR i.number ILIKE ${pattern} OR c.name ILIKE ${pattern})`);
  }
  const from = `FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id LEFT JOIN customers c ON c.id = p.customer_id ${where}`;
  const items = `
    SELECT p.id, p.tenant_id AS "tenantId", p.invoice_id AS "invoiceId", i.number AS "invoiceNumber", p.customer_id AS "customerId",
           c.name AS "customerName", p.gateway, p.gateway_transaction_id AS reference, p.method, p.amount::float8 AS amount, p.status,
           p.matched_rule AS "matchedRule", p.recorded_by AS "recordedBy", p.paid_at AS "paidAt", p.created_at AS "createdAt"
      ${from} ${orderBy(query.sort, SORT_COLUMNS, '-createdAt', 'p.id')} ${pageClause(query.page, query.pageSize)}`;
  return { items: { text: items, params: where.params }, count: { text: `SELECT count(*)::int AS total ${query.q?.trim() ? from : `FROM payments p ${where}`}`, params: where.params } };
}
