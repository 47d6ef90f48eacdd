import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LabNas, startFreeRadius, type RunningFreeRadius } from '@lunas/network';
import { AuditLog, Customer, DEV_ADMIN_PASSWORD, InternetPackage, Subscription, Tenant } from '@lunas/persistence';
import { freePort } from '@lunas/testing';
import { SubscriptionsController } from '../src/subscriptions/subscriptions.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

const SECRET = 'lab-nas-secret';

/**
 * The FreeRADIUS rows are written with the subscription, in its transaction: the real FreeRADIUS (Debian
 * `freeradius-postgresql` on the API's database) accepts a subscriber right after `POST /subscriptions` and follows a
 * PPPoE credentials change at once, without waiting for the drift repair.
 */
describe(`${SubscriptionsController.name}: FreeRADIUS provisioning with the subscription (medium, real FreeRADIUS)`, () => {
  let t: TestApp;
  let admin: string;
  let tenant: Tenant;
  let pkg: InternetPackage;
  let dir: string;
  let freeRadius: RunningFreeRadius;
  let nas: LabNas;
  const http = () => request(t.app.getHttpServer());
  const db = () => t.database.dataSource;
  const newCustomer = () =>
    db().getRepository(Customer).save({ tenantId: tenant.id, code: `C-${randomUUID().slice(0, 8)}`, name: 'Dewi Lestari', phone: '6281234567890', registerDate: '2027-01-01', whatsappConsent: true });
  /** Creates a subscription for a new customer and checks the answer's status. */
  const create = async (body: object, status: number) => {
    const customer = await newCustomer();
    return http().post('/api/v1/subscriptions').set('Authorization', admin).send({ packageId: pkg.id, billingDay: 5, customerId: customer.id, ...body }).expect(status);
  };
  const user = () => `pppoe-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    tenant = await db().getRepository(Tenant).findOneByOrFail({ businessName: 'Net Mekarjaya' });
    pkg = await db().getRepository(InternetPackage).save({ tenantId: tenant.id, name: `Paket Uji ${randomUUID().slice(0, 4)}`, speed: '30 Mbps', price: 200_000, addressPool: 'pool-uji' });
    dir = await mkdtemp(path.join(tmpdir(), 'lunas-freeradius-'));
    const [authPort, acctPort] = [await freePort(), await freePort()];
    freeRadius = await startFreeRadius(
      { listenAddress: '127.0.0.1', authPort, acctPort, databaseUrl: t.database.url, loopbackSecret: SECRET },
      { dir, templateDir: path.join(__dirname, '../../../deploy/freeradius') },
    );
    nas = new LabNas({ secret: SECRET, radiusServer: { address: '127.0.0.1', authPort, acctPort } });
  }, 60_000);
  afterAll(async () => {
    await freeRadius?.stop();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('accepts the subscriber with the package attributes right after creation; the password is never in the audit entry', async () => {
    const userName = user();
    const created = await create({ pppoeUsername: userName, pppoePassword: 'Rahasia#1' }, 201);
    const session = await nas.dial(userName, 'Rahasia#1');
    expect(session).toEqual(expect.objectContaining({ rateLimit: '30M/30M', pool: 'pool-uji', addressList: null }));
    await nas.hangUp(session?.acctSessionId ?? '');
    expect(await nas.dial(userName, 'salah')).toBeNull();
    const audit = await db().getRepository(AuditLog).findOneByOrFail({ entityId: created.body.id, action: 'subscription.create' });
    expect(JSON.stringify(audit.after)).not.toContain('Rahasia#1');
  });

  it('refuses a password without a username, or one FreeRADIUS cannot carry, with 400 and writes nothing', async () => {
    const before = await db().getRepository(Subscription).countBy({ tenantId: tenant.id });
    expect((await create({ pppoePassword: 'Rahasia#1' }, 400)).body.detail).toBe('pppoePassword memerlukan pppoeUsername.');
    expect(JSON.stringify((await create({ pppoeUsername: user(), pppoePassword: 'dua kata' }, 400)).body)).toContain('pppoePassword hanya boleh karakter ASCII yang terlihat');
    expect(await db().getRepository(Subscription).countBy({ tenantId: tenant.id })).toBe(before);
    expect(Number((await db().query(`SELECT count(*) AS n FROM radcheck WHERE value = 'dua kata'`))[0].n)).toBe(0);
  });

  it('a credentials change moves FreeRADIUS to the new username and password at once, with an audit entry', async () => {
    const [oldName, newName] = [user(), user()];
    const created = await create({ pppoeUsername: oldName, pppoePassword: 'Lama#123' }, 201);
    const changed = await http()
      .put(`/api/v1/subscriptions/${created.body.id}/pppoe`)
      .set('Authorization', admin)
      .send({ pppoeUsername: newName, pppoePassword: 'Baru#456', reason: 'Pelanggan minta ganti sandi' })
      .expect(200);
    expect(changed.body).toEqual({ id: created.body.id, pppoeUsername: newName, passwordChanged: true });
    expect(await nas.dial(oldName, 'Lama#123')).toBeNull();
    const session = await nas.dial(newName, 'Baru#456');
    expect(session).toEqual(expect.objectContaining({ rateLimit: '30M/30M', pool: 'pool-uji' }));
    await nas.hangUp(session?.acctSessionId ?? '');
    const audit = await db().getRepository(AuditLog).findOneByOrFail({ entityId: created.body.id, action: 'subscription.change_pppoe' });
    expect(audit).toMatchObject({ before: { pppoeUsername: oldName }, after: { pppoeUsername: newName, passwordChanged: true }, reason: 'Pelanggan minta ganti sandi' });
  });

  it('a username taken by another subscription is 409 and changes nothing', async () => {
    const [taken, mine] = [user(), user()];
    await create({ pppoeUsername: taken, pppoePassword: 'Punya#111' }, 201);
    const created = await create({ pppoeUsername: mine, pppoePassword: 'Punya#222' }, 201);
    await http().put(`/api/v1/subscriptions/${created.body.id}/pppoe`).set('Authorization', admin).send({ pppoeUsername: taken, reason: 'Salah ketik' }).expect(409);
    const session = await nas.dial(mine, 'Punya#222');
    expect(session).not.toBeNull();
    await nas.hangUp(session?.acctSessionId ?? '');
  });
});
