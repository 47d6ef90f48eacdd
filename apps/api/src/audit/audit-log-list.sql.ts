import type { ListAuditLogQuery } from '@lunas/contracts';
import { containsPattern, pageClause, Where, type ListSql } from '../common/list/list-sql';

/** The audit log, newest first, of a tenant (or all): who, action (or prefix), entity, day range in WIB; `q` in action and entity id. */
export function auditLogListSql(tenantId: string | undefined, query: ListAuditLogQuery & { page: number; pageSize: number }): ListSql {
  const where = new Where();
  if (tenantId) where.add('a.tenant_id = $?', tenantId);
  if (query.actorUserId) where.add('a.actor_user_id = $?', query.actorUserId);
  if (query.action) where.add(query.action.endsWith('.') ? 'a.action LIKE $?' : 'a.action = $?', query.action.endsWith('.') ? `${query.action}%` : query.action);
  if (query.entityType) where.add('a.entity_type = $?', query.entityType);
  if (query.entityId) where.add('a.entity_id = $?', query.entityId);
  if (query.from) where.add(`a.created_at >= ($?::date::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.from);
  if (query.to) where.add(`a.created_at < (($?::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')`, query.to);
  if (query.q?.trim()) {
    const pattern = where.param(containsPattern(query.q));
    where.add(`(a.action ILIKE ${pattern} OR a.entity_id ILIKE ${pattern})`);
  }
  const items = `
    SELECT a.id, a.created_at AS at, a.actor_user_id AS "actorUserId", u.name AS "actorName", a.tenant_id AS "tenantId", a.action,
           a.entity_type AS "entityType", a.entity_id AS "entityId", a.before, a.after, a.reason, a.source_ip AS "sourceIp"
      FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
      ${where}
     ORDER BY a.created_at DESC, a.id DESC
     ${pageClause(query.page, query.pageSize)}`;
  return { items: { text: items, params: where.params }, count: { text: `SELECT count(*)::int AS total FROM audit_log a ${where}`, params: where.params } };
}
