import type { BillingActivities, NetworkActionInput } from '@lunas/contracts';
import { activeSessions, groupsOf, isolirGroupName, type LabSession } from '@lunas/network';
import { NetworkActionLog, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { eventually } from '@lunas/testing';
import { RadiusNetworkEnforcementAdapter } from '../src/activities/adapters/network/radius-network-enforcement.adapter';
import { NasUnreachableError } from '../src/activities/adapters/network/live-sessions';
import { createBillingActivities } from '../src/activities/billing-activities';
import { billingDatabase, PUBLIC_BASE_URL, subscriber } from './support/billing-database';
import { startNetworkLab, type NetworkLab } from './support/network-lab';
import { LocalNotificationAdapter } from '../src/activities/adapters/local-notification.adapter';
import { LocalPaymentLinkAdapter } from '../src/activities/adapters/local-payment-link.adapter';

/**
 * The enforceNetwork activity on the RADIUS adapter with the real FreeRADIUS and the lab NAS: a subscriber is
 * dialled in on the package (20M/20M); suspend moves them to the mitra's isolir group and cuts the session once
 * (the isolir profile changes pool and address list, which RouterOS cannot change live), the router re-dials into
 * isolir; payment restores them the same way.
 */
describe(RadiusNetworkEnforcementAdapter.name, () => {
  let db: TestDatabase;
  let lab: NetworkLab;
  let activities: BillingActivities;

  beforeAll(async () => {
    ({ db } = await billingDatabase());
    lab = await startNetworkLab(db);
    activities = createBillingActivities({
      dataSource: db.dataSource,
      notifications: new LocalNotificationAdapter(db.dataSource),
      network: new RadiusNetworkEnforcementAdapter(db.dataSource, { firstTimeoutMs: 100, backoff: 2, tries: 3 }),
      payLinks: new LocalPaymentLinkAdapter(PUBLIC_BASE_URL),
    });
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
    await db?.destroy();
  });

  const action = (f: SubscriptionFixture, kind: 'suspend' | 'unsuspend', step: string): NetworkActionInput => ({
    tenantId: f.tenant.id, subscriptionId: f.subscription.id, action: kind, idempotencyKey: `${f.subscription.id}:${kind}:${step}`, trigger: kind === 'suspend' ? 'suspend' : 'payment', at: Date.now(),
  });
  const userOf = (f: SubscriptionFixture): string => f.subscription.pppoeUsername ?? '';
  const cuts = (f: SubscriptionFixture): number => lab.nas.events.filter((event) => event.userName === userOf(f) && event.kind === 'disconnect').length;
  /** The subscriber's one session, once the NAS and accounting agree on it (a re-dial takes ~50 ms). */
  const liveSession = async (f: SubscriptionFixture): Promise<LabSession> => {
    await eventually(async () => {
      expect(lab.nas.sessionsOf(userOf(f))).toHaveLength(1);
      expect(await activeSessions(db.dataSource.manager, [userOf(f)])).toHaveLength(1);
    }, 5_000, 20);
    return lab.nas.sessionsOf(userOf(f))[0];
  };

  it('suspend: isolir group, one Disconnect, re-dial with the isolir attributes; a repeat is a duplicate; payment restores once', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    expect(await liveSession(f)).toMatchObject({ rateLimit: '20M/20M', addressList: null });

    const suspend = action(f, 'suspend', '2026-03:suspend');
    expect(await activities.enforceNetwork(suspend)).toEqual({ result: 'applied', adapter: 'radius' });
    expect(await groupsOf(db.dataSource.manager, userOf(f))).toEqual([isolirGroupName(f.tenant.id), `paket-${f.pkg.id}`]);
    expect(await liveSession(f)).toMatchObject({ rateLimit: '64k/64k', addressList: 'isolir', profile: 'isolir', pool: 'pool-isolir' });
    expect(await activities.enforceNetwork(suspend)).toEqual({ result: 'duplicate', adapter: 'radius' });
    expect(cuts(f)).toBe(1);
    expect(await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).toMatchObject({ status: 'suspended' });

    expect(await activities.enforceNetwork(action(f, 'unsuspend', 'settled'))).toEqual({ result: 'applied', adapter: 'radius' });
    expect(await liveSession(f)).toMatchObject({ rateLimit: '20M/20M', addressList: null });
    expect(cuts(f)).toBe(2);
    const log = await db.dataSource.manager.find(NetworkActionLog, { where: { subscriptionId: f.subscription.id }, order: { createdAt: 'ASC' } });
    expect(log.map((row) => [row.action, row.result, row.adapter])).toEqual([['suspend', 'applied', 'radius'], ['unsuspend', 'applied', 'radius']]);
  });

  it('a lost Disconnect-ACK is retransmitted and answered as a duplicate: the session is cut once', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await liveSession(f);
    lab.nas.faults.dropReplies = 1;
    expect(await activities.enforceNetwork(action(f, 'suspend', '2026-03:suspend'))).toEqual({ result: 'applied', adapter: 'radius' });
    expect(lab.nas.events.filter((event) => event.userName === userOf(f)).map((event) => event.kind)).toEqual(expect.arrayContaining(['disconnect', 'dropped', 'duplicate']));
    expect(cuts(f)).toBe(1);
  });

  it('a NAS that does not answer fails the attempt (retried by Temporal); the retry of the same key cuts once', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await liveSession(f);
    const suspend = action(f, 'suspend', '2026-03:suspend');
    lab.nas.faults.silent = true;
    await expect(activities.enforceNetwork(suspend)).rejects.toThrow(NasUnreachableError);
    const pending = await db.dataSource.manager.findOneByOrFail(NetworkActionLog, { idempotencyKey: suspend.idempotencyKey });
    expect(pending).toMatchObject({ result: 'pending', detail: expect.objectContaining({ lastError: expect.stringContaining('tidak menjawab setelah 3 kali kirim') }) });
    // The group switch is committed already: a re-dial now would land in isolir.
    expect(await groupsOf(db.dataSource.manager, userOf(f))).toContain(isolirGroupName(f.tenant.id));

    lab.nas.faults.silent = false;
    expect(await activities.enforceNetwork(suspend)).toEqual({ result: 'applied', adapter: 'radius' });
    expect(await liveSession(f)).toMatchObject({ addressList: 'isolir' });
    expect(cuts(f)).toBe(1);
  });

  it('a NAS that NAKs with a server fault fails the attempt with the Error-Cause in words', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    await liveSession(f);
    lab.nas.faults.nakWith = 506;
    try {
      await expect(activities.enforceNetwork(action(f, 'suspend', '2026-03:suspend'))).rejects.toThrow('NAK 506 Resources-Unavailable: Sumber daya NAS tidak tersedia');
    } finally {
      lab.nas.faults.nakWith = null;
    }
    expect(cuts(f)).toBe(0);
  });

  it('a subscriber whose session ended before the retry (NAK 503) counts as done', async () => {
    const f = await subscriber(db);
    await lab.connect(f);
    const session = await liveSession(f);
    const suspend = action(f, 'suspend', '2026-03:suspend');
    lab.nas.faults.silent = true;
    await expect(activities.enforceNetwork(suspend)).rejects.toThrow(NasUnreachableError);
    lab.nas.faults.silent = false;
    // The NAS lost the session without telling accounting (radacct still shows it open).
    lab.nas.sessions.delete(session.acctSessionId);
    expect(await activities.enforceNetwork(suspend)).toEqual({ result: 'applied', adapter: 'radius' });
    const row = await db.dataSource.manager.findOneByOrFail(NetworkActionLog, { idempotencyKey: suspend.idempotencyKey });
    expect(row.detail).toMatchObject({ sessions: { [session.acctSessionId]: 'gone' } });
  });

  it('suspends 12 subscribers of one mitra and package at once without deadlocking on their shared RADIUS groups', async () => {
    const first = await subscriber(db);
    await lab.connect(first);
    const all = [first];
    for (let i = 1; i < 12; i++) all.push(await subscriber(db, {}, first.tenant));
    const results = await Promise.all(all.map((f) => activities.enforceNetwork(action(f, 'suspend', '2026-04:suspend'))));
    expect(results.map((r) => r.result)).toEqual(all.map(() => 'applied'));
    for (const f of all) expect(await groupsOf(db.dataSource.manager, userOf(f))).toEqual([isolirGroupName(f.tenant.id), `paket-${f.pkg.id}`]);
  });
});
