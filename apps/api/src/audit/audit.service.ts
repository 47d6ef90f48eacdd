import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog, type AuditEntry } from '@lunas/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export type { AuditEntry } from '@lunas/persistence';

/** Appends to the audit log; pass the transaction's manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const row: QueryDeepPartialEntity<AuditLog> = {
      actorUserId: entry.actorUserId,
      tenantId: entry.tenantId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      sourceIp: entry.sourceIp ?? null,
      reason: entry.reason ?? null,
    } as QueryDeepPartialEntity<AuditLog>;
    await manager.insert(AuditLog, row);
  }
}
