import type { NetworkActionDetail, NetworkEnforcementPort, NetworkEnforcementReport, NetworkSubscriber } from '@lunas/network';
import { NetworkDevice } from '@lunas/persistence';
import type { DataSource } from 'typeorm';

/**
 * Picks the adapter by the mitra's registered devices (the registry's method): RouterOS API when the mitra has
 * RouterOS-API routers and no RADIUS NAS, else RADIUS (which itself records `simulated` for a mitra without any
 * device or a subscription without a PPPoE username). One method per mitra: a mitra with both kinds is enforced
 * through RADIUS, whose sessions FreeRADIUS accounting knows.
 */
export class DeviceMethodNetworkEnforcement implements NetworkEnforcementPort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly radius: NetworkEnforcementPort,
    private readonly routerOs: NetworkEnforcementPort,
  ) {}

  async suspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return (await this.adapterFor(subscriber)).suspend(subscriber, idempotencyKey, detail);
  }

  async unsuspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return (await this.adapterFor(subscriber)).unsuspend(subscriber, idempotencyKey, detail);
  }

  /** The adapter for the subscriber's mitra. */
  async adapterFor(subscriber: Pick<NetworkSubscriber, 'tenantId' | 'pppoeUsername'>): Promise<NetworkEnforcementPort> {
    if (!subscriber.pppoeUsername) return this.radius;
    const methods = await this.dataSource.manager
      .createQueryBuilder(NetworkDevice, 'd')
      .select('DISTINCT d.method', 'method')
      .where('d.tenant_id = :tenantId', { tenantId: subscriber.tenantId })
      .getRawMany<{ method: string }>();
    const has = (method: string) => methods.some((row) => row.method === method);
    return has('routeros') && !has('radius') ? this.routerOs : this.radius;
  }
}
