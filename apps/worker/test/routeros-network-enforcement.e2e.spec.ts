import type { BillingActivities, NetworkActionInput } from '@lunas/contracts';
import { RouterOsClient, RouterOsConnectionError, RouterOsSimulator, type RouterOsConnection } from '@lunas/network';
import { NetworkActionLog, NetworkDevice, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { eventually } from '@lunas/testing';
import { DeviceMethodNetworkEnforcement } from '../src/activities/adapters/network/device-method-network-enforcement';
import { LocalNotificationAdapter } from '../src/activities/adapters/local-notification.adapter';
import { LocalPaymentLinkAdapter } from '../src/activities/adapters/local-payment-link.adapter';
import { RadiusNetworkEnforcementAdapter } from '../src/activities/adapters/network/radius-network-enforcement.adapter';
import { RouterOsNetworkEnforcementAdapter, type RouterOsConnect } from '../src/activities/adapters/network/routeros-network-enforcement.adapter';
import { createBillingActivities } from '../src/activities/billing-activities';
import { networkDriftActivities } from '../src/activities/network/drift';
import { billingDatabase, PUBLIC_BASE_URL, subscriber } from './support/billing-database';

const API_USER = { name: 'lunas-api', password: 'api-rahasia-1' };

/**
 * The enforceNetwork activity for a mitra whose router is registered with method `routeros` (API over TLS, 8729):
 * the RouterOS simulator holds the PPP secret and the live session; suspend switches the secret to the isolir profile
 * and removes the session once (the customer's router re-dials into the isolir address list), payment restores the
 * package profile the same way. Crashes and lost answers never cut a session twice.
 */
describe(RouterOsNetworkEnforcementAdapter.name, () => {
  let db: TestDatabase;
  let router: RouterOsSimulator;
  let apiPort: number;
  /** Wraps each connection (a test injects a lost answer). */
  let around: (client: RouterOsClient) => RouterOsClient = (client) => client;
  let activities: BillingActivities;
  let network: DeviceMethodNetworkEnforcement;
  let connect: RouterOsConnect;

  beforeAll(async () => {
    ({ db } = await billingDatabase());
    router = new RouterOsSimulator({ users: { [API_USER.name]: API_USER.password }, profiles: { default: {}, 'paket-20': {}, isolir: { addressList: 'isolir' } }, tls: true, redialAfterMs: 30 });
    apiPort = await router.listen();
    connect = async (connection: RouterOsConnection) => around(await RouterOsClient.connect(connection));
    network = new DeviceMethodNetworkEnforcement(db.dataSource, new RadiusNetworkEnforcementAdapter(db.dataSource), new RouterOsNetworkEnforcementAdapter(db.dataSource, connect));
    activities = createBillingActivities({ dataSource: db.dataSource, notifications: new LocalNotificationAdapter(db.dataSource), network, payLinks: new LocalPaymentLinkAdapter(PUBLIC_BASE_URL) });
  });
  afterAll(async () => {
    await router?.close();
    await db?.destroy();
  });
  afterEach(() => {
    around = (client) => client;
  });

  const userOf = (f: SubscriptionFixture) => f.subscription.pppoeUsername ?? '';
  /** A subscriber of a mitra with the simulator registered as its RouterOS-API router, dialled in on `paket-20`. */
  const connected = async (tenant?: SubscriptionFixture['tenant']): Promise<SubscriptionFixture> => {
    const f = await subscriber(db, {}, tenant);
    const m = db.dataSource.manager;
    if (!tenant) {
      await m.save(NetworkDevice, m.create(NetworkDevice, {
        tenantId: f.tenant.id, name: 'Router API', method: 'routeros', address: '127.0.0.1', apiPort, apiTls: true, apiUsername: API_USER.name, apiPassword: API_USER.password,
      }));
    }
    router.addSecret(userOf(f), 'pppoe-rahasia', 'paket-20');
    router.dial(userOf(f), 'pppoe-rahasia');
    return f;
  };
  const action = (f: SubscriptionFixture, kind: 'suspend' | 'unsuspend', step: string): NetworkActionInput => ({
    tenantId: f.tenant.id, subscriptionId: f.subscription.id, action: kind, idempotencyKey: `${f.subscription.id}:${kind}:${step}`, trigger: kind === 'suspend' ? 'suspend' : 'payment', at: Date.now(),
  });
  const secretOf = (f: SubscriptionFixture) => router.print('/ppp/secret').find((secret) => secret['name'] === userOf(f));
  const sessionsOf = (f: SubscriptionFixture) => router.print('/ppp/active').filter((session) => session['name'] === userOf(f));
  const removals = (f: SubscriptionFixture) =>
    router.commands.filter((c) => c.words[0] === '/ppp/active/remove' && c.reply === 'done' && c.words.some((w) => sessionIds.get(userOf(f))?.has(w.slice('=.id='.length)))).length;
  const sessionIds = new Map<string, Set<string>>();
  /** Remembers every session id the user had, so removals can be counted per user. */
  const track = (f: SubscriptionFixture) => {
    const ids = sessionIds.get(userOf(f)) ?? new Set<string>();
    for (const session of sessionsOf(f)) ids.add(session['.id']);
    sessionIds.set(userOf(f), ids);
  };
  const isolatedOnRouter = (f: SubscriptionFixture) => {
    const listed = new Set(router.print('/ip/firewall/address-list').filter((e) => e['list'] === 'isolir').map((e) => e['address']));
    return sessionsOf(f).some((session) => listed.has(session['address']));
  };
  const redialled = async (f: SubscriptionFixture, isolated: boolean) => {
    await eventually(() => {
      expect(sessionsOf(f)).toHaveLength(1);
      expect(isolatedOnRouter(f)).toBe(isolated);
    }, 5_000, 10);
    track(f);
  };

  it('suspend: isolir profile and one session removal, re-dial lands in the isolir list; a repeat is a duplicate; payment restores once', async () => {
    const f = await connected();
    track(f);
    expect(await activities.enforceNetwork(action(f, 'suspend', '2026-03:suspend'))).toEqual({ result: 'applied', adapter: 'routeros' });
    expect(secretOf(f)?.['profile']).toBe('isolir');
    await redialled(f, true);
    expect(await activities.enforceNetwork(action(f, 'suspend', '2026-03:suspend'))).toEqual({ result: 'duplicate', adapter: 'routeros' });
    expect(removals(f)).toBe(1);
    expect((await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).status).toBe('suspended');

    expect(await activities.enforceNetwork(action(f, 'unsuspend', '2026-03:payment'))).toEqual({ result: 'applied', adapter: 'routeros' });
    expect(secretOf(f)?.['profile']).toBe('paket-20');
    await redialled(f, false);
    expect(await activities.enforceNetwork(action(f, 'unsuspend', '2026-03:payment'))).toEqual({ result: 'duplicate', adapter: 'routeros' });
    expect(removals(f)).toBe(2);
    expect((await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).status).toBe('active');
    expect(await db.dataSource.manager.find(NetworkActionLog, { where: { subscriptionId: f.subscription.id }, order: { createdAt: 'ASC' } })).toEqual([
      expect.objectContaining({ action: 'suspend', result: 'applied', adapter: 'routeros' }),
      expect.objectContaining({ action: 'unsuspend', result: 'applied', adapter: 'routeros' }),
    ]);
  });

  it('an answer lost after the removal: the retry finishes without cutting the re-dialled session', async () => {
    const f = await connected();
    track(f);
    around = (client) => {
      const run = client.run.bind(client);
      client.run = async (command, attributes, queries) => {
        const rows = await run(command, attributes, queries);
        if (command === '/ppp/active/remove') throw new RouterOsConnectionError('koneksi RouterOS tertutup');
        return rows;
      };
      return client;
    };
    await expect(activities.enforceNetwork(action(f, 'suspend', 'lost'))).rejects.toThrow('koneksi RouterOS tertutup');
    await redialled(f, true);
    around = (client) => client;
    expect(await activities.enforceNetwork(action(f, 'suspend', 'lost'))).toEqual({ result: 'applied', adapter: 'routeros' });
    expect(sessionsOf(f)).toHaveLength(1);
    expect(removals(f)).toBe(1);
  });

  it('a !trap fails the attempt with the router\'s reason; the retry applies it', async () => {
    const f = await connected();
    router.trapNext.set('/ppp/secret/set', 'not enough permissions (9)');
    await expect(activities.enforceNetwork(action(f, 'suspend', 'trap'))).rejects.toThrow('RouterOS menolak /ppp/secret/set: not enough permissions (9)');
    expect(secretOf(f)?.['profile']).toBe('paket-20');
    expect(await activities.enforceNetwork(action(f, 'suspend', 'trap'))).toEqual({ result: 'applied', adapter: 'routeros' });
    expect(secretOf(f)?.['profile']).toBe('isolir');
  });

  it('a subscriber without a PPP secret on the router fails with what to do', async () => {
    const f = await subscriber(db);
    const m = db.dataSource.manager;
    await m.save(NetworkDevice, m.create(NetworkDevice, { tenantId: f.tenant.id, name: 'Router API', method: 'routeros', address: '127.0.0.1', apiPort, apiTls: true, apiUsername: API_USER.name, apiPassword: API_USER.password }));
    await expect(activities.enforceNetwork(action(f, 'suspend', 'none'))).rejects.toThrow(`PPP secret "${userOf(f)}" tidak ditemukan di router RouterOS mitra`);
  });

  it('drift check reads the router: repairs paid-but-isolated first, then unpaid-but-open, and adds a missing PPP secret', async () => {
    const paid = await connected();
    const unpaid = await connected(paid.tenant);
    const missing = await subscriber(db, {}, paid.tenant);
    const m = db.dataSource.manager;
    await m.update(Subscription, { id: missing.subscription.id }, { pppoePassword: 'pppoe-baru' });
    await m.update(Subscription, { id: unpaid.subscription.id }, { status: 'suspended' });
    // Planted: the paid subscriber's secret still has the isolir profile and its session is in the isolir list.
    const secret = secretOf(paid);
    const client = await RouterOsClient.connect({ host: '127.0.0.1', port: apiPort, tls: true, username: API_USER.name, password: API_USER.password });
    await client.run('/ppp/secret/set', { '.id': secret?.['.id'] ?? '', profile: 'isolir' });
    await client.run('/ppp/active/remove', { '.id': sessionsOf(paid)[0]['.id'] });
    client.close();
    await redialled(paid, true);
    track(unpaid);

    const drift = networkDriftActivities({ dataSource: db.dataSource, network, connectRouterOs: connect });
    const report = await drift.checkNetworkDrift({ tenantId: paid.tenant.id, runKey: 'run-1' });
    expect(report.findings).toEqual([
      { subscriptionId: paid.subscription.id, pppoeUsername: userOf(paid), kind: 'paid_but_isolated' },
      { subscriptionId: unpaid.subscription.id, pppoeUsername: userOf(unpaid), kind: 'unpaid_but_open' },
      { subscriptionId: missing.subscription.id, pppoeUsername: userOf(missing), kind: 'not_provisioned' },
    ]);
    expect(secretOf(paid)?.['profile']).toBe('default');
    expect(secretOf(unpaid)?.['profile']).toBe('isolir');
    expect(secretOf(missing)).toEqual(expect.objectContaining({ password: 'pppoe-baru', profile: 'default' }));
    await redialled(paid, false);
    await redialled(unpaid, true);
    expect((await drift.checkNetworkDrift({ tenantId: paid.tenant.id, runKey: 'run-2' })).findings).toEqual([]);
  });
});
