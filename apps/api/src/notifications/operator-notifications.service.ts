import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { tenantFilter } from '../auth/tenant-scope';

/** Messages an inbox page shows at most (newest first). */
const INBOX_LIMIT = 100;

export interface InboxItem {
  id: string;
  tenantId: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: Date;
  /** When this operator read it; null while unread. */
  readAt: Date | null;
}

/**
 * The operators' inbox: messages of the caller's tenant (every tenant for a superadmin) addressed to a permission
 * the caller holds; read state is per operator.
 */
@Injectable()
export class OperatorNotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async inbox(user: AuthenticatedUser): Promise<{ items: InboxItem[]; unread: number }> {
    const items: InboxItem[] = await this.dataSource.query(
      `SELECT n.id, n.tenant_id AS "tenantId", n.kind, n.title, n.body, n.entity_type AS "entityType", n.entity_id AS "entityId",
              n.created_at AS "createdAt", r.read_at AS "readAt"
         FROM operator_notifications n
         LEFT JOIN operator_notification_reads r ON r.notification_id = n.id AND r.user_id = $3
        WHERE ${VISIBLE}
        ORDER BY n.created_at DESC, n.id
        LIMIT ${INBOX_LIMIT}`,
      [...visibleParams(user), user.userId],
    );
    const [{ unread }]: Array<{ unread: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM operator_notifications n
        WHERE ${VISIBLE} AND NOT EXISTS (SELECT 1 FROM operator_notification_reads r WHERE r.notification_id = n.id AND r.user_id = $3)`,
      [...visibleParams(user), user.userId],
    );
    return { items, unread };
  }

  /** Marks a message read for the caller (a repeat changes nothing); 404 for a message the caller cannot see. */
  async markRead(user: AuthenticatedUser, id: string, sourceIp: string | null): Promise<{ id: string; readAt: Date }> {
    return this.dataSource.transaction(async (m) => {
      const [visible]: Array<{ tenant_id: string }> = await m.query(
        `SELECT n.tenant_id FROM operator_notifications n WHERE n.id = $3 AND ${VISIBLE}`,
        [...visibleParams(user), id],
      );
      if (!visible) throw new NotFoundException('Notifikasi tidak ditemukan.');
      const [inserted]: Array<{ read_at: Date }> = await m.query(
        `INSERT INTO operator_notification_reads (notification_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING read_at`,
        [id, user.userId],
      );
      if (inserted) {
        await this.audit.record(
          { actorUserId: user.userId, tenantId: visible.tenant_id, action: 'operator_notification.read', entityType: 'operator_notification', entityId: id, sourceIp },
          m,
        );
        return { id, readAt: inserted.read_at };
      }
      const [read]: Array<{ read_at: Date }> = await m.query(
        `SELECT read_at FROM operator_notification_reads WHERE notification_id = $1 AND user_id = $2`,
        [id, user.userId],
      );
      return { id, readAt: read.read_at };
    });
  }
}

/** Visible to the caller: $1 the caller's permissions, $2 the caller's tenant (null: every tenant). */
const VISIBLE = `n.permission = ANY($1::varchar[]) AND ($2::uuid IS NULL OR n.tenant_id = $2)`;

function visibleParams(user: AuthenticatedUser): unknown[] {
  return [user.permissions, tenantFilter(user).tenantId ?? null];
}
