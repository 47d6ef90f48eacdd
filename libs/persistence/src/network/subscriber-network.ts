import type { EntityManager } from 'typeorm';
import { Subscription } from '../entities/subscription.entity';
import { TenantNetworkSettings } from '../entities/tenant-network-settings.entity';

/** A mitra's isolir profile as FreeRADIUS provisioning takes it (`IsolirProfile` of `@lunas/network`). */
export interface TenantIsolirProfile {
  tenantId: string;
  rateLimit: string;
  pool: string;
  addressList: string;
  routerProfile: string;
}

/** What FreeRADIUS must know about one subscription (`SubscriberProvisioning` of `@lunas/network`). */
export interface SubscriptionNetworkProfile {
  userName: string;
  password: string | null;
  package: { packageId: string; speed: string; rateLimit: string | null; addressPool: string | null; sessionTimeout: number | null };
  isolir: TenantIsolirProfile;
  isolated: boolean;
}

/** The isolir profile of a mitra without a `tenant_network_settings` row (the table's column defaults). */
export const DEFAULT_ISOLIR_PROFILE: Omit<TenantIsolirProfile, 'tenantId'> = { rateLimit: '64k/64k', pool: 'pool-isolir', addressList: 'isolir', routerProfile: 'isolir' };

/** The mitra's isolir profile: its `tenant_network_settings` row, else the defaults. */
export async function isolirProfileOf(m: EntityManager, tenantId: string): Promise<TenantIsolirProfile> {
  const settings = await m.findOneBy(TenantNetworkSettings, { tenantId });
  return settings
    ? { tenantId, rateLimit: settings.isolirRateLimit, pool: settings.isolirPool, addressList: settings.isolirAddressList, routerProfile: settings.isolirProfile }
    : { tenantId, ...DEFAULT_ISOLIR_PROFILE };
}

/**
 * What FreeRADIUS must know about the subscription (its package profile, the mitra's isolir profile, the decrypted
 * PPPoE password), isolated when `isolated` says so (default: when the subscription is suspended); null when it has
 * no PPPoE username.
 */
export async function subscriptionNetworkProfile(m: EntityManager, subscriptionId: string, isolated?: boolean): Promise<SubscriptionNetworkProfile | null> {
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
    isolated: isolated ?? subscription.status === 'suspended',
  };
}
