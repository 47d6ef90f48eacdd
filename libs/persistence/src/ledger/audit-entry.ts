/** An audit-log row to append (written with the change it records). */
export interface AuditEntry {
  actorUserId: string | null;
  tenantId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  sourceIp?: string | null;
  /** Why the person made the change, as they said it. */
  reason?: string | null;
}
