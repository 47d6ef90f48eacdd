import { NetworkActionLog, type NetworkAction } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import type { NetworkActionDetail, NetworkEnforcementPort, NetworkSubscriber } from '../ports/network-enforcement.port';

/**
 * Records each suspend / unsuspend in `network_action_log` (result `applied`) instead of calling RADIUS, until the
 * AAA adapters land. The UNIQUE idempotency key makes retries and concurrent calls no-ops: one row per key.
 */
export class LocalNetworkEnforcementAdapter implements NetworkEnforcementPort {
  constructor(private readonly dataSource: DataSource) {}

  suspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<'applied' | 'duplicate'> {
    return this.record('suspend', subscriber, idempotencyKey, detail);
  }

  unsuspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<'applied' | 'duplicate'> {
    return this.record('unsuspend', subscriber, idempotencyKey, detail);
  }

  private async record(
    action: NetworkAction,
    subscriber: NetworkSubscriber,
    idempotencyKey: string,
    detail: NetworkActionDetail,
  ): Promise<'applied' | 'duplicate'> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NetworkActionLog)
      .values({
        tenantId: subscriber.tenantId,
        subscriptionId: subscriber.subscriptionId,
        action,
        idempotencyKey,
        result: 'applied',
        detail: { ...detail, pppoeUsername: subscriber.pppoeUsername, adapter: 'local' } as never,
        completedAt: () => 'now()',
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0 ? 'applied' : 'duplicate';
  }
}
