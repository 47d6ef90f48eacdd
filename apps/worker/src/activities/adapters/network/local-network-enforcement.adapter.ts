import { NetworkActionLog, type NetworkAction } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import type { NetworkActionDetail, NetworkEnforcementPort, NetworkEnforcementReport, NetworkSubscriber } from '@lunas/network';

/**
 * Stand-in until the RADIUS adapters land: records each suspend / unsuspend in `network_action_log` as `simulated`
 * (adapter `local-network`) and touches no network. The UNIQUE idempotency key makes retries and concurrent calls
 * no-ops: one row per key.
 */
export class LocalNetworkEnforcementAdapter implements NetworkEnforcementPort {
  readonly name = 'local-network';

  constructor(private readonly dataSource: DataSource) {}

  suspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return this.record('suspend', subscriber, idempotencyKey, detail);
  }

  unsuspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return this.record('unsuspend', subscriber, idempotencyKey, detail);
  }

  private async record(
    action: NetworkAction,
    subscriber: NetworkSubscriber,
    idempotencyKey: string,
    detail: NetworkActionDetail,
  ): Promise<NetworkEnforcementReport> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NetworkActionLog)
      .values({
        tenantId: subscriber.tenantId,
        subscriptionId: subscriber.subscriptionId,
        action,
        idempotencyKey,
        result: 'simulated',
        adapter: this.name,
        detail: { ...detail, pppoeUsername: subscriber.pppoeUsername } as never,
        completedAt: () => 'now()',
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return { result: (result.raw as unknown[]).length > 0 ? 'simulated' : 'duplicate', adapter: this.name };
  }
}
