import type { BillingActivities } from '@lunas/contracts';
import { InternetPackage, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { billingDatabase, issueInput, subscriber } from './support/billing-database';
import { startNetworkLab, type NetworkLab } from './support/network-lab';

/**
 * The record activities keep FreeRADIUS in step with the subscription in the same transaction (real PostgreSQL, real
 * FreeRADIUS, the lab NAS dialling): a package change `now` gives the next Access-Request the new package's
 * attributes, a suspended subscriber stays isolated on the new package, and a cancellation removes the PPPoE user.
 */
describe('subscription records provision FreeRADIUS', () => {
  let db: TestDatabase;
  let lab: NetworkLab;
  let activities: BillingActivities;
  const actor = { userId: 'admin-1', name: 'Admin Billing' };

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
    lab = await startNetworkLab(db);
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
    await db?.destroy();
  });

  const password = (f: SubscriptionFixture) => `rahasia-${f.subscription.id.slice(0, 8)}`;
  /** Dials, reads what FreeRADIUS answered and hangs up again. */
  const dial = async (f: SubscriptionFixture) => {
    const session = await lab.nas.dial(f.subscription.pppoeUsername ?? '', password(f));
    if (session) await lab.nas.hangUp(session.acctSessionId);
    return session;
  };
  const changeNow = async (f: SubscriptionFixture, key: string) => {
    const faster = await db.dataSource.manager.save(InternetPackage, { tenantId: f.tenant.id, name: `Paket Cepat ${key}`, speed: '50 Mbps', price: 250_000, addressPool: 'pool-cepat' });
    await activities.changePackage({ tenantId: f.tenant.id, subscriptionId: f.subscription.id, fromPackageId: f.pkg.id, toPackageId: faster.id, mode: 'now', actor, reason: 'Naik paket', idempotencyKey: key });
    return faster;
  };

  it('package change now: the next Access-Request is accepted with the new package attributes', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await lab.nas.hangUp(lab.nas.sessionsOf(f.subscription.pppoeUsername ?? '')[0].acctSessionId);
    expect(await dial(f)).toEqual(expect.objectContaining({ rateLimit: '20M/20M', pool: null }));

    await changeNow(f, `${f.subscription.id}:change-package:1`);
    expect(await dial(f)).toEqual(expect.objectContaining({ rateLimit: '50M/50M', pool: 'pool-cepat', addressList: null }));
  });

  it('package change now while suspended: the subscriber stays in isolir on the new package', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await lab.nas.hangUp(lab.nas.sessionsOf(f.subscription.pppoeUsername ?? '')[0].acctSessionId);
    await db.dataSource.manager.update(Subscription, { id: f.subscription.id }, { status: 'suspended' });

    await changeNow(f, `${f.subscription.id}:change-package:2`);
    expect(await dial(f)).toEqual(expect.objectContaining({ rateLimit: '64k/64k', addressList: 'isolir' }));
  });

  it('a package change next cycle leaves FreeRADIUS on the current package', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await lab.nas.hangUp(lab.nas.sessionsOf(f.subscription.pppoeUsername ?? '')[0].acctSessionId);
    const later = await db.dataSource.manager.save(InternetPackage, { tenantId: f.tenant.id, name: 'Paket Nanti', speed: '100 Mbps', price: 400_000 });
    await activities.changePackage({ tenantId: f.tenant.id, subscriptionId: f.subscription.id, fromPackageId: f.pkg.id, toPackageId: later.id, mode: 'next_cycle', actor, reason: 'x', idempotencyKey: 'n' });
    expect(await dial(f)).toEqual(expect.objectContaining({ rateLimit: '20M/20M' }));
  });

  it('a package change next cycle moves the subscription and FreeRADIUS when the new cycle is issued on it, once', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await lab.nas.hangUp(lab.nas.sessionsOf(f.subscription.pppoeUsername ?? '')[0].acctSessionId);
    const later = await db.dataSource.manager.save(InternetPackage, { tenantId: f.tenant.id, name: 'Paket Periode Baru', speed: '100 Mbps', price: 400_000, addressPool: 'pool-baru' });
    await activities.changePackage({ tenantId: f.tenant.id, subscriptionId: f.subscription.id, fromPackageId: f.pkg.id, toPackageId: later.id, mode: 'next_cycle', actor, reason: 'Naik paket', idempotencyKey: 'next-cycle-move' });

    // The workflow issues the next period on the scheduled package; a retry of the same issue changes nothing more.
    const first = await activities.issueInvoice(issueInput(f, { packageId: later.id }));
    const retried = await activities.issueInvoice(issueInput(f, { packageId: later.id }));
    expect(retried.invoiceId).toBe(first.invoiceId);
    expect(await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).toEqual(expect.objectContaining({ packageId: later.id }));
    expect(await dial(f)).toEqual(expect.objectContaining({ rateLimit: '100M/100M', pool: 'pool-baru', addressList: null }));
  });

  it('cancellation removes the PPPoE user: the next Access-Request is rejected', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await lab.nas.hangUp(lab.nas.sessionsOf(f.subscription.pppoeUsername ?? '')[0].acctSessionId);

    await activities.cancelSubscription({ tenantId: f.tenant.id, subscriptionId: f.subscription.id, at: Date.now(), actor, reason: 'Pindah rumah' });
    expect(await dial(f)).toBeNull();
    expect(await db.dataSource.query(`SELECT 1 FROM radusergroup WHERE username = $1`, [f.subscription.pppoeUsername])).toEqual([]);
  });
});
