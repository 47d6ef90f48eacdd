import request from 'supertest';
import { AuditLog, Customer, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, InternetPackage, Subscription, Tenant } from '@lunas/persistence';
import { insertInvoice, insertSubscription } from '@lunas/persistence/testing';
import { bearer, startTestApp, type TestApp } from './test-app';

/** Subscriptions, invoices and dunning policies with Temporal unreachable: records, validation, scoping. */
describe('SubscriptionsController (medium, Temporal down)', () => {
  let t: TestApp;
  let admin: string;
  let mitra1: string;
  let sukamajuCustomer: Customer;
  let pusatSubscription: Subscription;
  let paket20: InternetPackage;
  const http = () => request(t.app.getHttpServer());
  const actionAudits = (action: string) => t.database.dataSource.getRepository(AuditLog).countBy({ action, entityId: pusatSubscription.id });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra1 = await bearer(t, 'mitra1', DEV_MITRA_PASSWORD);
    const ds = t.database.dataSource;
    const sukamaju = await ds.getRepository(Tenant).findOneByOrFail({ businessName: 'WiFi Sukamaju' });
    const pusat = await ds.getRepository(Tenant).findOneByOrFail({ businessName: 'FiberNode Pusat' });
    sukamajuCustomer = await ds.getRepository(Customer).findOneByOrFail({ tenantId: sukamaju.id, name: 'Ahmad Fauzi' });
    pusatSubscription = await ds.getRepository(Subscription).findOneByOrFail({ tenantId: pusat.id });
    paket20 = await ds.getRepository(InternetPackage).findOneByOrFail({ name: 'Paket 20 Mbps' });
  });
  afterAll(async () => t.close());

  describe('create', () => {
    it('stores the subscription and the audit entry even while Temporal is down; the workflow starts later', async () => {
      const response = await http()
        .post('/api/v1/subscriptions')
        .set('Authorization', admin)
        .send({ customerId: sukamajuCustomer.id, packageId: paket20.id, billingDay: 12, discountKind: 'fixed', discountValue: 5000 })
        .expect(201);
      expect(response.body).toMatchObject({ billingDay: 12, status: 'active', workflowStarted: false, workflowId: null, tenantId: sukamajuCustomer.tenantId });
      const audit = await t.database.dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'subscription.create', entityId: response.body.id });
      expect(audit.after).toMatchObject({ billingDay: 12, discountValue: 5000 });
    });

    it('refuses billing day 29 and a discount above the package price, writing nothing', async () => {
      const before = await t.database.dataSource.getRepository(Subscription).count();
      const day = await http().post('/api/v1/subscriptions').set('Authorization', admin).send({ customerId: sukamajuCustomer.id, packageId: paket20.id, billingDay: 29 }).expect(400);
      expect(day.body.detail).toContain('billingDay');
      const discount = await http()
        .post('/api/v1/subscriptions')
        .set('Authorization', admin)
        .send({ customerId: sukamajuCustomer.id, packageId: paket20.id, billingDay: 3, discountKind: 'fixed', discountValue: 150_001 })
        .expect(400);
      expect(discount.body.detail).toBe('Diskon tidak boleh melebihi harga paket.');
      expect(await t.database.dataSource.getRepository(Subscription).count()).toBe(before);
    });

    it('forbids a mitra (no subscription.manage) on the server', async () => {
      const response = await http().post('/api/v1/subscriptions').set('Authorization', mitra1).send({ customerId: sukamajuCustomer.id, packageId: paket20.id, billingDay: 3 }).expect(403);
      expect(response.body.detail).toContain('subscription.manage');
    });
  });

  describe('list and get', () => {
    it('shows a mitra only its own tenant; the superadmin sees all', async () => {
      const mine = await http().get('/api/v1/subscriptions').set('Authorization', mitra1).expect(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(new Set(mine.body.items.map((s: { tenantId: string }) => s.tenantId))).toEqual(new Set([sukamajuCustomer.tenantId]));
      const all = await http().get('/api/v1/subscriptions?pageSize=100').set('Authorization', admin).expect(200);
      expect(all.body.total).toBeGreaterThan(mine.body.total);
    });

    it('answers 404 for another tenant\'s subscription, as if it did not exist', async () => {
      const read = await http().get(`/api/v1/subscriptions/${pusatSubscription.id}`).set('Authorization', mitra1).expect(404);
      expect(read.body.detail).toBe('Langganan tidak ditemukan.');
      const promise = await http()
        .post(`/api/v1/subscriptions/${pusatSubscription.id}/actions/promise-to-pay`)
        .set('Authorization', mitra1)
        .send({ reason: 'Janji lewat telepon', until: '2026-03-10' })
        .expect(404);
      expect(promise.body.detail).toBe('Langganan tidak ditemukan.');
      expect(await actionAudits('subscription.promise-to-pay')).toBe(0);
    });

    it('returns the record with no live state and says why when the workflow has not started', async () => {
      const response = await http().get(`/api/v1/subscriptions/${pusatSubscription.id}`).set('Authorization', admin).expect(200);
      expect(response.body.subscription.id).toBe(pusatSubscription.id);
      expect(response.body.state).toBeNull();
      expect(response.body.stateError).toMatch(/belum dimulai/);
    });

    it('rejects a malformed id and unknown filters', async () => {
      await http().get('/api/v1/subscriptions/not-a-uuid').set('Authorization', admin).expect(400);
      await http().get('/api/v1/subscriptions?colour=red').set('Authorization', admin).expect(400);
    });
  });

  describe('actions', () => {
    it('rejects an unknown action, a missing reason, and a mitra suspending', async () => {
      const unknown = await http().post(`/api/v1/subscriptions/${pusatSubscription.id}/actions/explode`).set('Authorization', admin).send({ reason: 'x' }).expect(404);
      expect(unknown.body.detail).toContain('promise-to-pay');
      const noReason = await http().post(`/api/v1/subscriptions/${pusatSubscription.id}/actions/suspend`).set('Authorization', admin).send({}).expect(400);
      expect(noReason.body.detail).toContain('Kolom "reason" wajib diisi');
      await http().post(`/api/v1/subscriptions/${pusatSubscription.id}/actions/suspend`).set('Authorization', mitra1).send({ reason: 'x' }).expect(403);
    });

    it('refuses pause-dunning without a reason (400) and, while the workflow has not started, with 404 and the reason why; audits nothing', async () => {
      const path = `/api/v1/subscriptions/${pusatSubscription.id}/actions/pause-dunning`;
      const noReason = await http().post(path).set('Authorization', admin).send({}).expect(400);
      expect(noReason.body.detail).toContain('Kolom "reason" wajib diisi');
      const notStarted = await http().post(path).set('Authorization', admin).send({ reason: 'Pelanggan sedang dirawat di rumah sakit' }).expect(404);
      expect(notStarted.body.detail).toBe('Proses penagihan langganan ini belum dimulai; coba lagi sebentar lagi.');
      expect(await actionAudits('subscription.pause-dunning')).toBe(0);
    });
  });

  describe('invoices', () => {
    it('lists invoices by status and period within the caller\'s tenant', async () => {
      const ds = t.database.dataSource;
      const sukamaju = await ds.getRepository(Tenant).findOneByOrFail({ id: sukamajuCustomer.tenantId });
      const fixture = await insertSubscription(ds.manager, sukamaju);
      const unpaid = await insertInvoice(ds.manager, fixture, '2026-02');
      await insertInvoice(ds.manager, fixture, '2026-03', { status: 'paid', amountPaid: 166_500 });
      const other = await insertSubscription(ds.manager);
      await insertInvoice(ds.manager, other, '2026-02');

      const listed = await http().get('/api/v1/invoices?status=unpaid&period=2026-02').set('Authorization', mitra1).expect(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([unpaid.id]);
      expect(listed.body.items[0]).toMatchObject({ total: 166_500, balance: 166_500, version: 1 });
      const detail = await http().get(`/api/v1/invoices/${unpaid.id}`).set('Authorization', mitra1).expect(200);
      expect(detail.body).toMatchObject({ number: unpaid.number, items: [], payments: [] });
      await http().get('/api/v1/invoices?period=2026-13').set('Authorization', mitra1).expect(400);
    });
  });

  describe('dunning policies', () => {
    it('refuses an invalid policy with every problem listed, in Indonesian', async () => {
      const response = await http()
        .post('/api/v1/dunning-policies')
        .set('Authorization', admin)
        .send({ mode: 'next_cycle', policy: { name: 'x', steps: [{ id: 'a', dayOffset: 1.5, actions: [] }] } })
        .expect(400);
      expect(response.body.errors.length).toBeGreaterThan(1);
      expect(response.body.detail).toContain('Langkah ke-1');
    });

    it('stores a valid policy as the next active version and keeps the old one', async () => {
      const current = await http().get('/api/v1/dunning-policies').set('Authorization', mitra1).expect(200);
      expect(current.body).toHaveLength(1);
      const policy = { ...current.body[0].body, name: 'Lebih sabar', steps: current.body[0].body.steps.map((s: { dayOffset: number }) => ({ ...s, dayOffset: s.dayOffset + 1 })) };
      const created = await http().post('/api/v1/dunning-policies').set('Authorization', admin).send({ mode: 'next_cycle', policy, tenantId: sukamajuCustomer.tenantId }).expect(201);
      expect(created.body).toMatchObject({ version: 2, active: true, workflowsNotified: 0 });
      const versions = await http().get('/api/v1/dunning-policies').set('Authorization', mitra1).expect(200);
      expect(versions.body.map((p: { version: number; active: boolean }) => [p.version, p.active])).toEqual([[2, true], [1, false]]);
      await http().post('/api/v1/dunning-policies').set('Authorization', mitra1).send({ mode: 'now', policy }).expect(403);
    });
  });
});
