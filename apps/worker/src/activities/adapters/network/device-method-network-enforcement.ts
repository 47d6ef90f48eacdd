import type { NetworkActionDetail, NetworkEnforcementPort, NetworkEnforcementReport, NetworkSubscriber } from '@lunas/network';
import { NetworkDevice, type NetworkDeviceMethod } from '@lunas/persistence';
import type { DataSource, EntityManager } from 'typeorm';

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

  private async adapterFor(subscriber: NetworkSubscriber): Promise<NetworkEnforcementPort> {
    if (!subscriber.pppoeUsername) return this.radius;
    return (await networkMethodOf(this.dataSource.manager, subscriber.tenantId)) === 'routeros' ? this.routerOs : this.radius;
  }
}

/** How the mitra's network is enforced: `routeros` when it has RouterOS-API routers and no RADIUS NAS, null without devices. */
export async function networkMethodOf(m: EntityManager, tenantId: string): Promise<NetworkDeviceMethod | null> {
  const methods = await m
    .createQueryBuilder(NetworkDevice, 'd')
    .select('DISTINCT d.method', 'method')
    .where('d.tenant_id = :tenantId', { tenantId })
    .getRawMany<{ method: NetworkDeviceMethod }>();
  if (methods.length === 0) return null;
  return methods.some((row) => row.method === 'radius') ? 'radius' : 'routeros';
}
