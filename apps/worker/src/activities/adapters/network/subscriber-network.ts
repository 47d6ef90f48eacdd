import { DEFAULT_ISOLIR, type IsolirProfile, type SubscriberProvisioning } from '@lunas/network';
import { Subscription, TenantNetworkSettings } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';

/** The mitra's isolir profile: its `tenant_network_settings` row, else the defaults. */
export async function isolirProfileOf(m: EntityManager, tenantId: string): Promise<IsolirProfile> {
  const settings = await m.findOneBy(TenantNetworkSettings, { tenantId });
  return settings
    ? { tenantId, rateLimit: settings.isolirRateLimit, pool: settings.isolirPool, addressList: settings.isolirAddressList, routerProfile: settings.isolirProfile }
    : { tenantId, ...DEFAULT_ISOLIR };
}

/**
 * What FreeRADIUS must know about the subscription (its package profile, the mitra's isolir profile, the decrypted
 * PPPoE password), with `isolated` as given; null when the subscription has no PPPoE username.
 */
export async function subscriberProvisioning(m: EntityManager, subscriptionId: string, isolated: boolean): Promise<SubscriberProvisioning | null> {
  const subscription = await m
    .createQueryBuilder(Subscription, 's')
    .addSelect('s.pppoePassword')
    .innerJoinAndSelect('s.package', 'p')
    .where('s.id = :subscriptionId', { subscriptionId })
    .getOne();
  if (!subscription?.pppoeUsername || !subscription.package) return null;
  const pkg = subscription.package;
  return {
    userName: subscription.pppoeUsername,
    password: subscription.pppoePassword,
    package: { packageId: pkg.id, speed: pkg.speed, rateLimit: pkg.rateLimit, addressPool: pkg.addressPool, sessionTimeout: pkg.sessionTimeout },
    isolir: await isolirProfileOf(m, subscription.tenantId),
    isolated,
  };
}
