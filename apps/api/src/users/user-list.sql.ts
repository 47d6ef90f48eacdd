import type { ListUsersQuery } from '@lunas/contracts';
import { containsPattern, orderBy, pageClause, Where, type ListSql, type Sql } from '../common/list/list-sql';

const SORT_COLUMNS = { username: 'u.username', name: 'u.name', createdAt: 'u.created_at', lastLoginAt: 'u.last_login_at' };

const COLUMNS = `
  u.id, u.tenant_id AS "tenantId", t.business_name AS "tenantName", u.username, u.name, u.phone, u.is_active AS active,
  coalesce((SELECT array_agg(r.code ORDER BY r.code) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id), '{}') AS roles,
  u.locked_until AS "lockedUntil", u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt"`;
const FROM = 'FROM users u JOIN tenants t ON t.id = u.tenant_id';

/** Console users of a tenant (or all): `q` searches username and name. */
export function userListSql(tenantId: string | undefined, query: ListUsersQuery & { page: number; pageSize: number }): ListSql {
  const where = new Where();
  if (tenantId) where.add('u.tenant_id = $?', tenantId);
  if (query.active !== undefined) where.add('u.is_active = $?', query.active);
  if (query.roleCode) where.add('EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND r.code = $?)', query.roleCode);
  if (query.q?.trim()) {
    const pattern = where.param(containsPattern(query.q));
    where.add(`(u.username ILIKE ${pattern} OR u.name ILIKE ${pattern})`);
  }
  return {
    items: { text: `SELECT ${COLUMNS} ${FROM} ${where} ${orderBy(query.sort, SORT_COLUMNS, 'username', 'u.id')} ${pageClause(query.page, query.pageSize)}`, params: where.params },
    count: { text: `SELECT count(*)::int AS total ${FROM} ${where}`, params: where.params },
  };
}

export function userSql(id: string): Sql {
  return { text: `SELECT ${COLUMNS} ${FROM} WHERE u.id = $1`, params: [id] };
}
