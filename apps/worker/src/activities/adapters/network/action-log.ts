import type { NetworkActionDetail, NetworkSubscriber } from '@lunas/network';
import { NetworkActionLog, type NetworkAction, type NetworkActionResult } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Inserts the action's `network_action_log` row unless its idempotency key has one (UNIQUE); true when this call
 * inserted it. A final result (`simulated`) is completed at once; `pending` is completed by the adapter later.
 */
export async function insertActionRow(
  m: EntityManager,
  row: { action: NetworkAction; subscriber: NetworkSubscriber; idempotencyKey: string; detail: NetworkActionDetail; result: NetworkActionResult; adapter: string },
): Promise<boolean> {
  const inserted = await m
    .createQueryBuilder()
    .insert()
    .into(NetworkActionLog)
    .values({
      tenantId: row.subscriber.tenantId,
      subscriptionId: row.subscriber.subscriptionId,
      action: row.action,
      idempotencyKey: row.idempotencyKey,
      result: row.result,
      adapter: row.adapter,
      detail: { ...row.detail, pppoeUsername: row.subscriber.pppoeUsername } as never,
      ...(row.result === 'pending' ? {} : { completedAt: () => 'now()' }),
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}
