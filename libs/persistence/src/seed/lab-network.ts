import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { NetworkDevice } from '../entities/network-device.entity';
import { Subscription } from '../entities/subscription.entity';

/**
 * The lab NAS of `npm start` (apps/sandbox `lab-nas`): where it answers CoA / Disconnect and the secret it shares
 * with Lunas and the local FreeRADIUS. Development only: the seed registers it for the sample mitra.
 */
export const LAB_NAS = { name: 'Lab NAS', site: 'Sandbox lokal', address: '127.0.0.1', coaPort: 13799, secret: 'lab-nas-secret' } as const;

/** The development PPPoE password of a seeded subscription (what its router would be configured with). */
export function labPppoePassword(pppoeUsername: string): string {
  return `${pppoeUsername}-lab`;
}

/**
 * Development only: the lab NAS registered for each sample mitra, and a PPPoE password for each of their
 * subscriptions that has none, so that the lab NAS can dial them in through FreeRADIUS.
 */
export async function seedLabNetwork(m: EntityManager, tenantIds: string[]): Promise<void> {
  for (const tenantId of tenantIds) {
    if (!(await m.existsBy(NetworkDevice, { tenantId, name: LAB_NAS.name }))) {
      await m.save(NetworkDevice, m.create(NetworkDevice, {
        tenantId, name: LAB_NAS.name, site: LAB_NAS.site, method: 'radius', address: LAB_NAS.address, coaPort: LAB_NAS.coaPort, radiusSecret: LAB_NAS.secret,
      }));
    }
    const withoutPassword = await m.find(Subscription, { where: { tenantId, pppoePassword: IsNull() }, select: { id: true, pppoeUsername: true } });
    for (const subscription of withoutPassword) {
      if (subscription.pppoeUsername) await m.update(Subscription, { id: subscription.id }, { pppoePassword: labPppoePassword(subscription.pppoeUsername) });
    }
  }
}
