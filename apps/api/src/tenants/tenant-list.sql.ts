import type { ListTenantsQuery } from '@lunas/contracts';
import { containsPattern, orderBy, pageClause, Where, type ListSql, type Sql } from '../common/list/list-sql';

const SORT_COLUMNS = { businessName: 't.business_name', createdAt: 't.created_at' };
const COLUMNS = `
  t.id, t.kind, t.business_name AS "businessName", t.contact_name AS "contactName", t.phone, t.email, t.gateway_account_ref AS "gatewayAccountRef",
  t.bank_accounts AS "bankAccounts", t.reference_no AS "referenceNo", t.is_active AS active,
  (SELECT count(*) FROM customers c WHERE c.tenant_id = t.id)::int AS "customerCount", t.created_at AS "createdAt"`;

/** Tenants (mitra and the platform): every one for a superadmin, the caller's own otherwise. */
export function tenantListSql(tenantId: string | undefined, query: ListTenantsQuery & { page: number; pageSize: number }): ListSql {
  const where = new Where();
  if (tenantId) where.add('t.id = $?', tenantId);
  if (query.active !== undefined) where.add('t.is_active = $?', query.active);
  if (query.q?.trim()) where.add('t.business_name ILIKE $?', containsPattern(query.q));
  return {
    items: { text: `SELECT ${COLUMNS} FROM tenants t ${where} ${orderBy(query.sort, SORT_COLUMNS, 'businessName', 't.id')} ${pageClause(query.page, query.pageSize)}`, params: where.params },
    count: { text: `SELECT count(*)::int AS total FROM tenants t ${where}`, params: where.params },
  };
}

export function tenantSql(id: string): Sql {
  return { text: `SELECT ${COLUMNS} FROM tenants t WHERE t.id = $1`, params: [id] };
}
