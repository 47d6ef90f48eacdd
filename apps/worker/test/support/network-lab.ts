import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LabNas, provisionSubscriber, startFreeRadius, type RunningFreeRadius } from '@lunas/network';
import { NetworkDevice, Subscription, subscriptionNetworkProfile } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { freePort } from '@lunas/testing';

export const LAB_SECRET = 'lab-nas-secret';

/** The real FreeRADIUS on the test database and a lab NAS that dials through it and answers CoA on loopback. */
export interface NetworkLab {
  nas: LabNas;
  coaPort: number;
  /** Registers the lab NAS for the subscriber's mitra, gives the subscription a password, provisions it and dials. */
  connect(f: SubscriptionFixture): Promise<void>;
  stop(): Promise<void>;
}

export async function startNetworkLab(db: TestDatabase): Promise<NetworkLab> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lunas-freeradius-'));
  const [authPort, acctPort] = [await freePort(), await freePort()];
  let freeRadius: RunningFreeRadius | undefined;
  try {
    freeRadius = await startFreeRadius(
      { listenAddress: '127.0.0.1', authPort, acctPort, databaseUrl: db.url, loopbackSecret: LAB_SECRET },
      { dir, templateDir: path.join(__dirname, '../../../../deploy/freeradius') },
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const nas = new LabNas({ secret: LAB_SECRET, radiusServer: { address: '127.0.0.1', authPort, acctPort }, redialAfterMs: 50 });
  const coaPort = await nas.listen();
  const m = db.dataSource.manager;
  return {
    nas,
    coaPort,
    async connect(f) {
      if (!(await m.existsBy(NetworkDevice, { tenantId: f.tenant.id }))) {
        await m.save(NetworkDevice, m.create(NetworkDevice, { tenantId: f.tenant.id, name: 'Lab NAS', method: 'radius', address: '127.0.0.1', coaPort, radiusSecret: LAB_SECRET }));
      }
      const password = `rahasia-${f.subscription.id.slice(0, 8)}`;
      await m.update(Subscription, { id: f.subscription.id }, { pppoePassword: password });
      const provisioning = await subscriptionNetworkProfile(m, f.subscription.id, false);
      if (provisioning) await provisionSubscriber(m, provisioning);
      if (!(await nas.dial(f.subscription.pppoeUsername ?? '', password))) throw new Error(`FreeRADIUS rejected ${f.subscription.pppoeUsername}`);
    },
    async stop() {
      await nas.close();
      await freeRadius?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
