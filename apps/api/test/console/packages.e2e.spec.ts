import request from 'supertest';
import { AuditLog, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, Invoice, SEED_MITRAS, Tenant } from '@lunas/persistence';
import { insertInvoice, insertSubscription, insertTenant, type SubscriptionFixture } from '@lunas/persistence/testing';
import { PackagesController } from '../../src/packages/packages.controller';
import { bearer, startTestApp, type TestApp } from '../test-app';

interface Fixture {
  mitra: Tenant;
  other: SubscriptionFixture;
}

// Five global packages (seed), a mitra without packages of its own, another mitra with one package.
describe(PackagesController.name, () => {
  let t: TestApp<Fixture>;
  let admin: string;
  let mitra: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const m = dataSource.manager;
        return { mitra: await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName }), other: await insertSubscription(m, await insertTenant(m)) };
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
  });
  afterAll(() => t?.close());

  it("lists a mitra the global packages, cheapest first, with its PPN setting, and not another mitra's package", async () => {
    const response = await http().get('/api/v1/packages').set('Authorization', mitra).expect(200);
    expect(response.body.total).toBe(5);
    expect(response.body.items[0]).toMatchObject({ name: 'Paket 10 Mbps', price: 100_000, global: true, pricesIncludePpn: false, ppnRateBasisPoints: 1_100, active: true });
    await http().get(`/api/v1/packages/${t.fixture.other.pkg.id}`).set('Authorization', mitra).expect(404);
    const all = await http().get('/api/v1/packages').query({ q: 'paket', sort: '-price', pageSize: 100 }).set('Authorization', admin).expect(200);
    expect(all.body.total).toBe(6);
  });

  it('creates a global package (superadmin), refuses a taken name (409) and bad input (400 in Indonesian); a mitra may not create', async () => {
    const created = await http().post('/api/v1/packages').set('Authorization', admin).send({ name: 'Paket 75 Mbps', speed: '75 Mbps', price: 300_000 }).expect(201);
    expect(created.body).toMatchObject({ global: true, price: 300_000, active: true, subscriptionCount: 0 });
    const taken = await http().post('/api/v1/packages').set('Authorization', admin).send({ name: 'Paket 75 Mbps', speed: '75 Mbps', price: 1 }).expect(409);
    expect(taken.body.errors).toEqual([{ field: 'name', message: 'Nama paket sudah dipakai paket lain.' }]);
    const bad = await http().post('/api/v1/packages').set('Authorization', admin).send({ name: '', speed: '1', price: 1.5 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'price']);
    expect(bad.body.detail).toContain('Kolom "price" harus bilangan bulat');
    await http().post('/api/v1/packages').set('Authorization', mitra).send({ name: 'Paket X', speed: '1 Mbps', price: 1 }).expect(403);
  });

  it('changes a price for the next invoices only: an issued invoice keeps its amounts; audited with before and after', async () => {
    const invoice = await insertInvoice(t.database.dataSource.manager, t.fixture.other);
    const response = await http().patch(`/api/v1/packages/${t.fixture.other.pkg.id}`).set('Authorization', admin).send({ price: 175_000 }).expect(200);
    expect(response.body).toMatchObject({ price: 175_000, subscriptionCount: 1 });
    expect(await t.database.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id })).toMatchObject({ subtotal: 150_000, total: 166_500 });
    const [{ price }] = await t.database.dataSource.query(`SELECT price::int FROM packages WHERE id = $1`, [t.fixture.other.pkg.id]);
    expect(price).toBe(175_000);
    const audit = await t.database.dataSource.manager.findOneByOrFail(AuditLog, { entityId: t.fixture.other.pkg.id, action: 'package.update' });
    expect(audit).toMatchObject({ before: expect.objectContaining({ price: 150_000 }), after: expect.objectContaining({ price: 175_000 }) });
    await http().patch(`/api/v1/packages/${t.fixture.other.pkg.id}`).set('Authorization', admin).send({}).expect(400);
  });

  it('deactivates a package (hidden from the active filter)', async () => {
    const list = await http().get('/api/v1/packages').query({ q: '100 Mbps' }).set('Authorization', admin).expect(200);
    await http().patch(`/api/v1/packages/${list.body.items[0].id}`).set('Authorization', admin).send({ active: false }).expect(200);
    const active = await http().get('/api/v1/packages').query({ active: 'true', pageSize: 100 }).set('Authorization', mitra).expect(200);
    expect(active.body.items.map((p: { name: string }) => p.name)).not.toContain('Paket 100 Mbps');
  });

  it('keeps each package\'s count of subscriptions not cancelled as they are added, cancelled, moved and deleted', async () => {
    const m = t.database.dataSource.manager;
    const count = async (packageId: string) => (await http().get(`/api/v1/packages/${packageId}`).set('Authorization', admin).expect(200)).body.subscriptionCount;
    const first = await insertSubscription(m, await insertTenant(m));
    const second = await insertSubscription(m, first.tenant);
    expect([await count(first.pkg.id), await count(second.pkg.id)]).toEqual([1, 1]);
    // One statement adding two rows, one of them cancelled.
    await m.query(
      `INSERT INTO subscriptions (tenant_id, customer_id, package_id, billing_day, started_on, status)
       VALUES ($1, $2, $3, 5, '2026-01-01', 'active'), ($1, $2, $3, 5, '2026-01-01', 'cancelled')`,
      [first.tenant.id, first.customer.id, first.pkg.id],
    );
    expect(await count(first.pkg.id)).toBe(2);
    await m.query(`UPDATE subscriptions SET status = 'cancelled' WHERE id = $1`, [first.subscription.id]);
    expect(await count(first.pkg.id)).toBe(1);
    await m.query(`UPDATE subscriptions SET package_id = $1 WHERE package_id = $2`, [second.pkg.id, first.pkg.id]);
    expect([await count(first.pkg.id), await count(second.pkg.id)]).toEqual([0, 2]);
    await m.query(`DELETE FROM subscriptions WHERE package_id = $1 AND status <> 'cancelled'`, [second.pkg.id]);
    expect(await count(second.pkg.id)).toBe(0);
  });
});
