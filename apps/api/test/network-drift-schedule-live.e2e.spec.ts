import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { networkDriftScheduleId } from '@lunas/contracts';
import { addToIsolir, isolirGroupName, provisionSubscriber } from '@lunas/network';
import { Customer, DEV_ADMIN_PASSWORD, InternetPackage, NetworkActionLog, SEED_MITRAS, Subscription, subscriptionNetworkProfile, Tenant } from '@lunas/persistence';
import { eventually, wib, type LiveTemporal } from '@lunas/testing';
import { DriftSchedules } from '../src/network/drift-schedule';
import { startLiveTestApp, type LiveTestApp } from './live-test-app';
import { bearer } from './test-app';

jest.setTimeout(180_000);

/**
 * The mitra's drift check Schedule on the embedded Temporal server (time skipping) with the real worker app: the API
 * creates it when the mitra registers a NAS (once, however many it registers), hourly at :00 on the Asia/Jakarta
 * clock; when virtual time reaches the hour it starts the drift workflow, which repairs the differences planted in
 * FreeRADIUS's tables, the paid-but-isolated subscriber first.
 */
describe(`${DriftSchedules.name} (live: embedded Temporal server, real worker)`, () => {
  let app: LiveTestApp;
  let live: LiveTemporal;
  let admin: string;
  let tenant: Tenant;
  const http = () => request(app.t.app.getHttpServer());
  const db = () => app.t.database.dataSource;

  /** A subscription of the mitra in `status`, provisioned in FreeRADIUS (isolated or not), with no billing workflow. */
  const planted = async (status: 'active' | 'suspended', isolated: boolean): Promise<Subscription> => {
    const m = db().manager;
    const pkg = await m.findOneByOrFail(InternetPackage, { name: 'Paket 10 Mbps' });
    const customer = await m.save(Customer, { tenantId: tenant.id, code: `C-${randomUUID().slice(0, 8)}`, name: 'Dewi Lestari', phone: '6281234567890', registerDate: '2027-01-01', whatsappConsent: true });
    const subscription = await m.save(Subscription, m.create(Subscription, {
      tenantId: tenant.id, customerId: customer.id, packageId: pkg.id, billingDay: 5, startedOn: '2027-01-01', status,
      pppoeUsername: `drift-${randomUUID().slice(0, 8)}`, pppoePassword: 'rahasia', workflowId: `no-workflow-${randomUUID()}`,
    }));
    const profile = await subscriptionNetworkProfile(m, subscription.id, false);
    if (profile) await provisionSubscriber(m, profile);
    if (isolated) await addToIsolir(m, subscription.pppoeUsername ?? '', isolirGroupName(tenant.id));
    return subscription;
  };
  const registerNas = (name: string, address: string) =>
    http().post('/api/v1/network/devices').set('Authorization', admin).send({ tenantId: tenant.id, name, method: 'radius', address, radiusSecret: 'rahasia-nas-uji' }).expect(201);

  beforeAll(async () => {
    app = await startLiveTestApp();
    admin = await bearer(app.t, 'superadmin', DEV_ADMIN_PASSWORD);
    tenant = await db().getRepository(Tenant).findOneByOrFail({ businessName: SEED_MITRAS[0].businessName });
    live = await app.startTemporal(wib('2027-04-01 10:20'));
  });
  afterAll(async () => {
    await live?.close();
    await app?.t.close();
  });

  it('is created once, hourly at :00 Asia/Jakarta, and its run repairs paid-but-isolated first', async () => {
    const paid = await planted('active', true);
    const unpaid = await planted('suspended', false);
    await registerNas('Router POP Barat', '10.30.0.1');
    await registerNas('Router POP Timur', '10.30.0.2');
    const schedule = live.env.client.schedule.getHandle(networkDriftScheduleId(tenant.id));
    const described = await schedule.describe();
    expect(described.spec.timezone).toBe('Asia/Jakarta');
    expect(described.spec.calendars).toEqual([expect.objectContaining({ minute: [{ start: 0, end: 0, step: 1 }], hour: [{ start: 0, end: 23, step: 1 }] })]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'networkDriftWorkflow' });
    expect(await new DriftSchedules(live.env.client).ensure(tenant.id)).toBe('exists');
    let count = 0;
    for await (const listed of live.env.client.schedule.list()) if (listed.scheduleId === networkDriftScheduleId(tenant.id)) count++;
    expect(count).toBe(1);

    const drifted = () => db().getRepository(NetworkActionLog).find({ where: { tenantId: tenant.id }, order: { createdAt: 'ASC' } });
    await live.travelTo(wib('2027-04-01 10:59'));
    expect(await drifted()).toEqual([]);
    await live.travelTo(wib('2027-04-01 11:01'));
    await eventually(async () => {
      expect((await drifted()).map((row) => [row.subscriptionId, row.action, row.result, row.detail?.['trigger']])).toEqual([
        [paid.id, 'unsuspend', 'applied', 'drift'],
        [unpaid.id, 'suspend', 'applied', 'drift'],
      ]);
    }, 60_000, 250);
    const groups = async (s: Subscription) => (await db().query(`SELECT groupname FROM radusergroup WHERE username = $1`, [s.pppoeUsername])).map((r: { groupname: string }) => r.groupname);
    expect(await groups(paid)).not.toContain(isolirGroupName(tenant.id));
    expect(await groups(unpaid)).toContain(isolirGroupName(tenant.id));
    const [action] = (await schedule.describe()).info.recentActions;
    expect(action.scheduledAt.toISOString()).toBe(new Date(wib('2027-04-01 11:00')).toISOString());
  });
});
