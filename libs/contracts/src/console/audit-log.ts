import type { ListQuery } from './list';

/** `GET /api/v1/audit-log` (audit_log.read). Sorted newest first; `q` searches action and entity id. */
export interface ListAuditLogQuery extends Omit<ListQuery, 'sort'> {
  actorUserId?: string;
  /** Exact action, e.g. `customer.update`, or a prefix ending in `.` (`customer.`). */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO date (WIB), inclusive. */
  from?: string;
  /** ISO date (WIB), inclusive. */
  to?: string;
  tenantId?: string;
}

export interface AuditLogRecord {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  tenantId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  sourceIp: string | null;
}
