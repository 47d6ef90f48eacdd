import request from 'supertest';
import { AuditLog, Customer, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, InternetPackage, Invoice, LAB_NAS, Subscription, Tenant } from '@lunas/persistence';
import { insertInvoice } from '@lunas/persistence/testing';
import { bearer, startTestApp, type TestApp } from './test-app';

/** The NAS / router registry, live sessions from FreeRADIUS accounting and the network action log. */
describe('NetworkController (medium)', () => {
  let t: TestApp;
  let admin: string;
  let mitra1: string;
  let sukamaju: Tenant;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp();
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra1 = await bearer(t, 'mitra1', DEV_MITRA_PASSWORD);
    sukamaju = await t.database.dataSource.getRepository(Tenant).findOneByOrFail({ businessName: 'WiFi Sukamaju' });
  });
  afterAll(async () => t.close());

  it('registers a RADIUS NAS with its secret encrypted at rest, in FreeRADIUS\'s nas table, audited; never returns the secret', async () => {
    const created = await http().post('/api/v1/network/devices').set('Authorization', admin)
      .send({ tenantId: sukamaju.id, name: 'Router POP Utara', site: 'POP Utara', method: 'radius', address: '10.20.0.1', radiusSecret: 'rahasia-nas-utara' })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Router POP Utara', method: 'radius', address: '10.20.0.1', coaPort: 3799, hasSecret: true, tenantId: sukamaju.id });
    expect(JSON.stringify(created.body)).not.toContain('rahasia-nas-utara');
    const [stored] = await t.database.dataSource.query(`SELECT radius_secret FROM network_devices WHERE id = $1`, [created.body.id]);
    expect(stored.radius_secret).toMatch(/^v1:/);
    expect(await t.database.dataSource.query(`SELECT nasname, secret FROM nas WHERE shortname = $1`, [created.body.id])).toEqual([{ nasname: '10.20.0.1', secret: 'rahasia-nas-utara' }]);
    expect(await t.database.dataSource.getRepository(AuditLog).countBy({ action: 'network_device.create', entityId: created.body.id })).toBe(1);

    const list = await http().get(`/api/v1/network/devices?tenantId=${sukamaju.id}`).set('Authorization', admin).expect(200);
    expect(list.body.map((d: { name: string }) => d.name).sort()).toEqual([LAB_NAS.name, 'Router POP Utara']);

    await http().post('/api/v1/network/devices').set('Authorization', admin)
      .send({ tenantId: sukamaju.id, name: 'Router POP Utara', method: 'radius', address: '10.20.0.2', radiusSecret: 'rahasia-nas-lain' })
      .expect(409);
    await http().delete(`/api/v1/network/devices/${created.body.id}`).set('Authorization', admin).expect(204);
    expect(await t.database.dataSource.query(`SELECT 1 FROM nas WHERE shortname = $1`, [created.body.id])).toEqual([]);
  });

  it('refuses bad input with Indonesian messages and writes nothing', async () => {
    const bad = await http().post('/api/v1/network/devices').set('Authorization', admin)
      .send({ tenantId: sukamaju.id, name: 'X', method: 'radius', address: 'bukan-ip' }).expect(400);
    expect(bad.body.detail).toContain('Alamat perangkat harus alamat IP yang valid');
    expect(bad.body.detail).toContain('Kolom "radiusSecret" wajib diisi');
    const routeros = await http().post('/api/v1/network/devices').set('Authorization', admin)
      .send({ tenantId: sukamaju.id, name: 'Y', method: 'routeros', address: '10.20.0.9' }).expect(400);
    expect(routeros.body.detail).toContain('Kolom "apiUsername" wajib diisi');
    expect(await t.database.dataSource.query(`SELECT 1 FROM network_devices WHERE name IN ('X', 'Y')`)).toEqual([]);
  });

  it('requires network permissions: a mitra admin may not read or manage devices', async () => {
    await http().get('/api/v1/network/devices').set('Authorization', mitra1).expect(403);
    await http().post('/api/v1/network/devices').set('Authorization', mitra1).send({ name: 'Z', method: 'radius', address: '10.1.1.1', radiusSecret: '12345678' }).expect(403);
    await http().get('/api/v1/network/sessions').expect(401);
  });

  it('lists live sessions from radacct with whether the subscriber is isolated', async () => {
    await t.database.dataSource.query(
      `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, framedipaddress, acctstarttime) VALUES ('A1', 'u-a1', 'ahmad.fauzi', '127.0.0.1', '10.10.0.5', now())`,
    );
    await t.database.dataSource.query(`INSERT INTO radusergroup (username, groupname, priority) VALUES ('ahmad.fauzi', $1, 0)`, [`isolir-${sukamaju.id}`]);
    const sessions = await http().get(`/api/v1/network/sessions?tenantId=${sukamaju.id}`).set('Authorization', admin).expect(200);
    expect(sessions.body).toEqual([expect.objectContaining({ acctSessionId: 'A1', userName: 'ahmad.fauzi', framedIpAddress: '10.10.0.5', nasIpAddress: '127.0.0.1', isolated: true })]);
    const other = await t.database.dataSource.getRepository(Tenant).findOneByOrFail({ businessName: 'Net Mekarjaya' });
    expect((await http().get(`/api/v1/network/sessions?tenantId=${other.id}`).set('Authorization', admin).expect(200)).body).toEqual([]);
  });

  it('isolir page: an isolated customer (recognised by the address of their session) sees what is due and the pay link; after payment, that the service is restored', async () => {
    const m = t.database.dataSource.manager;
    const subscription = await m.findOneByOrFail(Subscription, { pppoeUsername: 'dewi.lestari' });
    const f = {
      tenant: await m.findOneByOrFail(Tenant, { id: subscription.tenantId }),
      customer: await m.findOneByOrFail(Customer, { id: subscription.customerId }),
      pkg: await m.findOneByOrFail(InternetPackage, { id: subscription.packageId }),
      subscription,
    };
    const unknown = await http().get('/isolir').expect(200);
    expect(unknown.text).toContain('Koneksi tidak dikenali');

    // supertest connects from 127.0.0.1: that is the address FreeRADIUS gave the session.
    await t.database.dataSource.query(
      `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, framedipaddress, acctstarttime) VALUES ('B1', 'u-b1', 'dewi.lestari', '127.0.0.1', '127.0.0.1', now())`,
    );
    await m.update(Subscription, { id: subscription.id }, { status: 'suspended' });
    const invoice = await insertInvoice(m, f, '2026-02');
    const isolated = await http().get('/isolir').expect(200);
    expect(isolated.text).toContain('Layanan internet Anda sedang diisolir');
    expect(isolated.text).toContain(`href="/bayar/${invoice.receiptToken}"`);
    expect(isolated.text).toContain('Rp 166.500');

    await m.update(Invoice, { id: invoice.id }, { amountPaid: 166_500, status: 'paid' });
    await m.update(Subscription, { id: subscription.id }, { status: 'active' });
    const restored = await http().get('/isolir').expect(200);
    expect(restored.text).toContain('Layanan sudah dipulihkan');
    expect(restored.text).not.toContain('/bayar/');
  });
});
