import type { ListSubscriptionsQuery } from '@lunas/contracts';
import { containsPattern, matchingIds, orderBy, pageClause, Where, type ListSql } from '../common/list/list-sql';

const SORT_COLUMNS = { createdAt: 's.created_at', startedOn: 's.started_on', billingDay: 's.billing_day' };

/**
 * Subscriptions of a tenant (or all), newest first: status, suspended, customer, package, and the ids a stage filter
 * found in visibility; `q` searches the customer's name and number and the PPPoE username.
 */
export function subscriptionListSql(
  tenantId: string | undefined, query: ListSubscriptionsQuery & { page: number; pageSize: number }, stageIds?: readonly string[],
): ListSql {
  const where = new Where();
  if (tenantId) where.add('s.tenant_id = $?', tenantId);
  if (query.customerId) where.add('s.customer_id = $?', query.customerId);
  if (query.packageId) where.add('s.package_id = $?', query.packageId);
  if (query.status) where.add('s.status = $?', query.status);
  if (query.suspended !== undefined) where.add(query.suspended ? `s.status = 'suspended'` : `s.status <> 'suspended'`);
  if (stageIds) where.add('s.id = ANY($?::uuid[])', stageIds);
  if (query.q?.trim()) {
    const pattern = where.param(containsPattern(query.q));
    where.add(matchingIds('s.id',
      `SELECT ss.id FROM subscriptions ss WHERE ss.pppoe_username ILIKE ${pattern}` +
        ` UNION SELECT ss.id FROM subscriptions ss WHERE ${matchingIds('ss.customer_id', `SELECT sc.id FROM customers sc WHERE sc.name ILIKE ${pattern} OR sc.code ILIKE ${pattern}`)}`,
    ));
  }
  const order = orderBy(query.sort, SORT_COLUMNS, '-createdAt', 's.id');
  // Every filter and sort reads the subscription row alone: the page is chosen first, then only its 25 rows are
  // joined to their customer and package; the total needs no join.
  const page = `(SELECT s.* FROM subscriptions s ${where} ${order} ${pageClause(query.page, query.pageSize)}) s`;
  const items = `
    SELECT s.id, s.tenant_id AS "tenantId",
           json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'phone', c.phone) AS customer,
           json_build_object('id', p.id, 'name', p.name, 'price', p.price) AS package,
           s.billing_day AS "billingDay", s.discount_kind AS "discountKind", s.discount_value AS "discountValue", s.status,
           s.pppoe_username AS "pppoeUsername", s.workflow_id AS "workflowId", s.started_on::text AS "startedOn"
      FROM ${page} JOIN customers c ON c.id = s.customer_id JOIN packages p ON p.id = s.package_id ${order}`;
  return { items: { text: items, params: where.params }, count: { text: `SELECT count(*)::int AS total FROM subscriptions s ${where}`, params: where.params } };
}
