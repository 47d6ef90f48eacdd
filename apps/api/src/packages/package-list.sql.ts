import type { ListPackagesQuery } from '@lunas/contracts';
import { containsPattern, orderBy, pageClause, Where, type ListSql, type Sql } from '../common/list/list-sql';

const SORT_COLUMNS = { name: 'p.name', price: 'p.price', createdAt: 'p.created_at' };

const COLUMNS = `
  p.id, p.tenant_id AS "tenantId", t.kind = 'platform' AS global, p.name, p.speed, p.price::float8 AS price,
  t.prices_include_ppn AS "pricesIncludePpn", t.ppn_rate_basis_points AS "ppnRateBasisPoints", p.description, p.is_active AS active,
  p.subscription_count AS "subscriptionCount",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** Packages a tenant offers (its own and the platform's global ones), or every package (superadmin, no tenant). */
export function packageListSql(tenantId: string | undefined, query: ListPackagesQuery & { page: number; pageSize: number }): ListSql {
  const where = new Where();
  if (tenantId) where.add(`(p.tenant_id = $? OR t.kind = 'platform')`, tenantId);
  if (query.active !== undefined) where.add('p.is_active = $?', query.active);
  if (query.q?.trim()) where.add('p.name ILIKE $?', containsPattern(query.q));
  const from = `FROM packages p JOIN tenants t ON t.id = p.tenant_id ${where}`;
  return {
    items: { text: `SELECT ${COLUMNS} ${from} ${orderBy(query.sort, SORT_COLUMNS, 'price', 'p.id')} ${pageClause(query.page, query.pageSize)}`, params: where.params },
    count: { text: `SELECT count(*)::int AS total ${from}`, params: where.params },
  };
}

/** One package as the console shows it. */
export function packageSql(id: string): Sql {
  return { text: `SELECT ${COLUMNS} FROM packages p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = $1`, params: [id] };
}
