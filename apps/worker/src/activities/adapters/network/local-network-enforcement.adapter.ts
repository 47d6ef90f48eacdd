import type { NetworkAction } from '@lunas/persistence';
import { insertActionRow } from './action-log';
import type { DataSource } from 'typeorm';
import type { NetworkActionDetail, NetworkEnforcementPort, NetworkEnforcementReport, NetworkSubscriber } from '@lunas/network';

/**
 * Stand-in for a mitra without a registered NAS (and a subscription without a PPPoE username): records each suspend / unsuspend in `network_action_log` as `simulated`
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
    const inserted = await insertActionRow(this.dataSource.manager, { action, subscriber, idempotencyKey, detail, result: 'simulated', adapter: this.name });
    return { result: inserted ? 'simulated' : 'duplicate', adapter: this.name };
  }
}
