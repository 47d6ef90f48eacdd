import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** `stale`: the row exists but someone changed it since it was read (answer 409); nothing was written. */
export type VersionedUpdateResult = 'updated' | 'stale' | 'not_found';

export interface VersionedKey {
  id: string;
  /** The version the caller read. */
  version: number;
  /** When given, a row of another tenant counts as `not_found`. */
  tenantId?: string;
}

/**
 * `UPDATE … SET changes, version = version + 1 WHERE id = :id AND version = :version [AND tenant_id = :tenantId]`.
 * Writes nothing unless the version still matches (004 "Optimistic Locking").
 */
export async function updateWithVersion<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  key: VersionedKey,
  changes: QueryDeepPartialEntity<T>,
): Promise<VersionedUpdateResult> {
  const scope = key.tenantId === undefined ? { id: key.id } : { id: key.id, tenantId: key.tenantId };
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where({ ...scope, version: key.version })
    .execute();
  if (result.affected) return 'updated';
  return (await manager.getRepository(entity).existsBy(scope as never)) ? 'stale' : 'not_found';
}
