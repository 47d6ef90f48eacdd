import request from 'supertest';
import { AuditLog, Customer, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, SEED_MITRAS, Tenant } from '@lunas/persistence';
import { insertInvoice, insertSubscription, insertTenant, type SubscriptionFixture } from '@lunas/persistence/testing';
import { CustomersController } from '../../src/customers/customers.controller';
import { bearer, startTestApp, type TestApp } from '../test-app';
import { CONSOLE_TEST_PASSWORD, insertUser } from './console-users';

interface Fixture {
  mitra: Tenant;
  other: SubscriptionFixture;
  own: SubscriptionFixture;
}

// The seeded mitra "WiFi Sukamaju" (two sample customers), an admin billing of it, and another mitra with one customer.
describe(CustomersController.name, () => {
  let t: TestApp<Fixture>;
  let admin: string;
  let mitra: string;
  let billing: string;
  let kasir: string;
  const http = () => request(t.app.getHttpServer());
  const db = () => t.database.dataSource;

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const m = dataSource.manager;
        const mitraTenant = await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
        await insertUser(m, mitraTenant.id, 'billing1', ['admin_billing']);
        await insertUser(m, mitraTenant.id, 'kasir1', ['kasir']);
        const own = await insertSubscription(m, mitraTenant);
        await insertInvoice(m, own);
        return { mitra: mitraTenant, other: await insertSubscription(m, await insertTenant(m)), own };
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
    billing = await bearer(t, 'billing1', CONSOLE_TEST_PASSWORD);
    kasir = await bearer(t, 'kasir1', CONSOLE_TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  describe('list', () => {
    it("shows a mitra user only its own tenant's customers, whatever tenantId it asks for", async () => {
      const response = await http().get('/api/v1/customers').query({ tenantId: t.fixture.other.tenant.id, pageSize: 100 }).set('Authorization', mitra).expect(200);
      expect(response.body.total).toBe(3);
      expect(new Set(response.body.items.map((c: { tenantId: string }) => c.tenantId))).toEqual(new Set([t.fixture.mitra.id]));
      expect(response.body.items.map((c: { area: string }) => c.area)).toEqual(Array(3).fill('WiFi Sukamaju'));
    });

    it('lets the superadmin narrow to one mitra', async () => {
      const response = await http().get('/api/v1/customers').query({ tenantId: t.fixture.other.tenant.id }).set('Authorization', admin).expect(200);
      expect(response.body).toMatchObject({ total: 1, page: 1, pageSize: 25, items: [{ id: t.fixture.other.customer.id, pppoeUsernames: [t.fixture.other.subscription.pppoeUsername] }] });
    });

    it('searches by name, customer number, phone as typed (0898…) and PPPoE username', async () => {
      const search = async (q: string) =>
        (await http().get('/api/v1/customers').query({ q, sort: 'name' }).set('Authorization', billing).expect(200)).body.items.map((c: { name: string }) => c.name);
      expect(await search('dewi')).toEqual(['Dewi Lestari']);
      expect(await search('PLG-0001')).toEqual(['Ahmad Fauzi']);
      expect(await search('0898 7654')).toEqual(['Dewi Lestari']);
      expect(await search('ahmad.fau')).toEqual(['Ahmad Fauzi']);
      expect(await search('50%')).toEqual([]);
    });

    it('filters by package and status, sorts and pages', async () => {
      const byPackage = await http().get('/api/v1/customers').query({ packageId: t.fixture.own.pkg.id }).set('Authorization', billing).expect(200);
      expect(byPackage.body.items.map((c: { id: string }) => c.id)).toEqual([t.fixture.own.customer.id]);
      const page2 = await http().get('/api/v1/customers').query({ sort: '-name', page: 2, pageSize: 1 }).set('Authorization', billing).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ name: 'Ahmad Fauzi' }] });
      const inactive = await http().get('/api/v1/customers').query({ status: 'inactive' }).set('Authorization', billing).expect(200);
      expect(inactive.body.total).toBe(0);
    });

    it('answers bad paging, sorting and filters with 400 in Indonesian', async () => {
      const bad = await http().get('/api/v1/customers').query({ sort: 'password', pageSize: 500, status: 'gone' }).set('Authorization', billing).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'status']);
      const sort = await http().get('/api/v1/customers').query({ sort: 'password' }).set('Authorization', billing).expect(400);
      expect(sort.body.detail).toContain('Urutan "password" tidak dikenal');
    });
  });

  describe('create', () => {
    const valid = { name: 'Rina Wati', phone: '0813-1111-2222', nik: '3201010101010001', whatsappConsent: true, emailConsent: false };

    it('normalises the phone, encrypts the NIK, answers it masked, numbers the customer after PLG-0002 and audits it', async () => {
      const response = await http().post('/api/v1/customers').set('Authorization', billing).send(valid).expect(201);
      expect(response.body).toMatchObject({ name: 'Rina Wati', phone: '6281311112222', nikMasked: '3201••••••••0001', code: 'PLG-000003', status: 'active', area: 'WiFi Sukamaju', tenantId: t.fixture.mitra.id });
      const [stored] = await db().query(`SELECT nik FROM customers WHERE id = $1`, [response.body.id]);
      expect(stored.nik).not.toContain('3201010101010001');
      expect((await db().manager.findOneByOrFail(Customer, { id: response.body.id })).nik).toBe('3201010101010001');
      const audit = await db().manager.findOneByOrFail(AuditLog, { entityId: response.body.id, action: 'customer.create' });
      expect(JSON.stringify(audit.after)).not.toContain('3201010101010001');
    });

    it('refuses invalid phone, NIK, email and missing consent with field errors in Indonesian, writing nothing', async () => {
      const before = await db().manager.count(Customer);
      const bad = await http().post('/api/v1/customers').set('Authorization', billing).send({ name: 'X', phone: '12345', nik: '123', email: 'bukan-email' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'emailConsent', 'nik', 'whatsappConsent']);
      expect(bad.body.detail).toContain('NIK harus 16 digit angka');
      const phone = await http().post('/api/v1/customers').set('Authorization', billing).send({ ...valid, phone: '12345' }).expect(400);
      expect(phone.body.errors).toEqual([{ field: 'phone', message: expect.stringContaining('Nomor telepon tidak valid') }]);
      expect(await db().manager.count(Customer)).toBe(before);
    });

    it('answers a taken customer number with 409 on the code field', async () => {
      const taken = await http().post('/api/v1/customers').set('Authorization', billing).send({ ...valid, code: 'PLG-0001' }).expect(409);
      expect(taken.body.errors).toEqual([{ field: 'code', message: 'Nomor pelanggan sudah dipakai pelanggan lain di mitra ini.' }]);
    });

    it('creates in the caller\'s tenant even when a mitra names another one; kasir may not create', async () => {
      const response = await http().post('/api/v1/customers').set('Authorization', mitra).send({ ...valid, phone: '081399990000', tenantId: t.fixture.other.tenant.id }).expect(201);
      expect(response.body.tenantId).toBe(t.fixture.mitra.id);
      await http().post('/api/v1/customers').set('Authorization', kasir).send(valid).expect(403);
    });
  });

  describe('update', () => {
    it('lets a mitra change the phone but not the name (customer.update), and audits before and after', async () => {
      const id = t.fixture.own.customer.id;
      const response = await http().patch(`/api/v1/customers/${id}`).set('Authorization', mitra).send({ phone: '+62 812 0000 1111' }).expect(200);
      expect(response.body.phone).toBe('6281200001111');
      await http().patch(`/api/v1/customers/${id}`).set('Authorization', mitra).send({ name: 'Nama Baru' }).expect(403);
      const audit = await db().manager.findOneByOrFail(AuditLog, { entityId: id, action: 'customer.update' });
      expect(audit).toMatchObject({ before: expect.objectContaining({ phone: '6281234567890' }), after: expect.objectContaining({ phone: '6281200001111' }) });
    });

    it("answers 404 for another tenant's customer", async () => {
      await http().patch(`/api/v1/customers/${t.fixture.other.customer.id}`).set('Authorization', billing).send({ name: 'Curang' }).expect(404);
      await http().get(`/api/v1/customers/${t.fixture.other.customer.id}`).set('Authorization', billing).expect(404);
    });
  });

  describe('detail, delete and deactivate', () => {
    it('shows the subscriptions and invoices; refuses to delete a customer with invoices (409, reason) and keeps it', async () => {
      const id = t.fixture.own.customer.id;
      const detail = await http().get(`/api/v1/customers/${id}`).set('Authorization', kasir).expect(200);
      expect(detail.body).toMatchObject({ deletable: false, subscriptions: [{ id: t.fixture.own.subscription.id }], invoices: [{ total: 166_500, balance: 166_500, status: 'unpaid' }] });
      const refused = await http().delete(`/api/v1/customers/${id}`).set('Authorization', admin).send({ reason: 'salah input' }).expect(409);
      expect(refused.body.detail).toBe('Pelanggan tidak bisa dihapus karena punya riwayat keuangan (1 tagihan, 0 pembayaran). Nonaktifkan pelanggan ini sebagai gantinya.');
      expect(await db().manager.countBy(Customer, { id })).toBe(1);
      const deactivate = await http().post(`/api/v1/customers/${id}/deactivate`).set('Authorization', billing).send({ reason: 'pindah' }).expect(409);
      expect(deactivate.body.detail).toContain('masih punya 1 langganan berjalan');
    });

    it('deletes a customer without history (audited with the reason) and deactivates one without running subscriptions', async () => {
      const created = await http().post('/api/v1/customers').set('Authorization', billing).send({ name: 'Salah Input', phone: '081377778888', whatsappConsent: false, emailConsent: false }).expect(201);
      await http().delete(`/api/v1/customers/${created.body.id}`).set('Authorization', billing).send({ reason: 'x' }).expect(403);
      await http().delete(`/api/v1/customers/${created.body.id}`).set('Authorization', admin).send({}).expect(400);
      await http().delete(`/api/v1/customers/${created.body.id}`).set('Authorization', admin).send({ reason: 'data ganda' }).expect(204);
      expect(await db().manager.findOneBy(AuditLog, { entityId: created.body.id, action: 'customer.delete' })).toMatchObject({ reason: 'data ganda' });

      const second = await http().post('/api/v1/customers').set('Authorization', billing).send({ name: 'Berhenti', phone: '081377779999', whatsappConsent: false, emailConsent: false }).expect(201);
      const off = await http().post(`/api/v1/customers/${second.body.id}/deactivate`).set('Authorization', billing).send({ reason: 'berhenti langganan' }).expect(200);
      expect(off.body).toMatchObject({ status: 'inactive', deactivatedAt: expect.stringMatching(/\+07:00$/) });
      await http().post(`/api/v1/customers/${second.body.id}/deactivate`).set('Authorization', billing).send({ reason: 'lagi' }).expect(409);
      const list = await http().get('/api/v1/customers').query({ status: 'inactive' }).set('Authorization', billing).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
      await http().post(`/api/v1/customers/${second.body.id}/activate`).set('Authorization', billing).send({ reason: 'kembali' }).expect(200);
    });
  });
});
