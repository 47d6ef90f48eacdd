import type { ListCustomersQuery } from '@lunas/contracts';
import { containsPattern, matchingIds, orderBy, pageClause, Where, type ListSql } from '../common/list/list-sql';

const SORT_COLUMNS = { name: 'c.name', code: 'c.code', registerDate: 'c.register_date', createdAt: 'c.created_at' };

/**
 * The customer list of a tenant (or every tenant): search by name, customer number, phone and PPPoE username
 * (trigram indexes), filters by status and package, newest first. The API runs these statements as they are.
 */
export function customerListSql(tenantId: string | undefined, query: ListCustomersQuery & { page: number; pageSize: number }): ListSql {
  const where = new Where();
  if (tenantId) where.add('c.tenant_id = $?', tenantId);
  if (query.status) where.add('c.is_active = $?', query.status === 'active');
  if (query.packageId) where.add(`EXISTS (SELECT 1 FROM subscriptions fs WHERE fs.customer_id = c.id AND fs.package_id = $? AND fs.status <> 'cancelled')`, query.packageId);
  const q = query.q?.trim();
  if (q) {
    const pattern = where.param(containsPattern(q));
    const phone = phoneDigits(q);
    const byPhone = phone ? ` OR sc.phone LIKE ${where.param(containsPattern(phone))}` : '';
    where.add(matchingIds('c.id',
      `SELECT sc.id FROM customers sc WHERE sc.name ILIKE ${pattern} OR sc.code ILIKE ${pattern}${byPhone}` +
        ` UNION SELECT ss.customer_id FROM subscriptions ss WHERE ss.pppoe_username ILIKE ${pattern}`,
    ));
  }
  const items = `
    SELECT c.id, c.tenant_id AS "tenantId", t.business_name AS area, c.code, c.name, c.phone, c.email,
           CASE WHEN c.is_active THEN 'active' ELSE 'inactive' END AS status,
           coalesce((SELECT array_agg(s.pppoe_username ORDER BY s.created_at) FROM subscriptions s
                      WHERE s.customer_id = c.id AND s.pppoe_username IS NOT NULL), '{}') AS "pppoeUsernames",
           coalesce((SELECT array_agg(p.name ORDER BY s.created_at) FROM subscriptions s JOIN packages p ON p.id = s.package_id
                      WHERE s.customer_id = c.id AND s.status <> 'cancelled'), '{}') AS packages,
           c.register_date::text AS "registerDate", c.created_at AS "createdAt"
      FROM customers c JOIN tenants t ON t.id = c.tenant_id
      ${where}
      ${orderBy(query.sort, SORT_COLUMNS, '-createdAt', 'c.id')}
      ${pageClause(query.page, query.pageSize)}`;
  return { items: { text: items, params: where.params }, count: { text: `SELECT count(*)::int AS total FROM customers c ${where}`, params: where.params } };
}

/** The digits of a search that looks like (part of) a phone number, in the stored `62…` form; null otherwise. */
function phoneDigits(q: string): string | null {
  const compact = q.replace(/[\s().-]/g, '');
  if (!/^\+?\d{4,15}$/.test(compact)) return null;
  const digits = compact.replace(/^\+/, '');
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}
