import request from 'supertest';
import { AuditLog, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, InternetPackage, Invoice, Subscription, Tenant } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { bearer, startTestApp, type TestApp } from './test-app';

/**
 * Operator actions refuse arguments that are not this subscription's before the workflow is asked (Temporal is down
 * here: an action that passes the checks fails on reaching it, 5xx; one that fails them answers 400/404 and writes
 * nothing).
 */
describe('Subscription actions: arguments checked in the API', () => {
  let t: TestApp;
  let admin: string;
  let mitra1: string;
  let mine: SubscriptionFixture;
  let neighbour: SubscriptionFixture;
  let stranger: SubscriptionFixture;
  const http = () => request(t.app.getHttpServer());
  const act = (action: string, body: object, token = admin) =>
    http().post(`/api/v1/subscriptions/${mine.subscription.id}/actions/${action}`).set('Authorization', token).send(body);
  /** Got past the checks: it failed only on reaching Temporal, which is down. */
  const reachedTemporal = (response: request.Response) => expect(response.status).toBeGreaterThanOrEqual(500);
  const actionAudits = (action: string) => t.database.dataSource.getRepository(AuditLog).countBy({ action: `subscription.${action}`, entityId: mine.subscription.id });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra1 = await bearer(t, 'mitra1', DEV_MITRA_PASSWORD);
    const m = t.database.dataSource.manager;
    const sukamaju = await m.findOneByOrFail(Tenant, { businessName: 'WiFi Sukamaju' });
    mine = await insertSubscription(m, sukamaju);
    neighbour = await insertSubscription(m, sukamaju);
    stranger = await insertSubscription(m);
    // A started workflow: before these checks, every action went on to Temporal.
    await m.update(Subscription, { id: mine.subscription.id }, { workflowId: `subscription-${sukamaju.id}-${mine.subscription.id}` });
  });
  afterAll(async () => t.close());

  describe('a cancelled subscription', () => {
    it('answers 409 to every action, cancelling again included, and records nothing', async () => {
      const m = t.database.dataSource.manager;
      const cancelled = await insertSubscription(m, mine.tenant);
      await m.update(Subscription, { id: cancelled.subscription.id }, { status: 'cancelled', workflowId: `subscription-${mine.tenant.id}-${cancelled.subscription.id}` });
      for (const [action, body] of [['cancel', { mode: 'now' }], ['suspend', {}], ['waive-fee', {}]] as const) {
        const response = await http()
          .post(`/api/v1/subscriptions/${cancelled.subscription.id}/actions/${action}`)
          .set('Authorization', admin)
          .send({ ...body, reason: 'Pelanggan minta berhenti' })
          .expect(409);
        expect(response.body.detail).toBe('Langganan sudah dibatalkan; tidak ada lagi yang bisa diubah.');
      }
      expect(await t.database.dataSource.getRepository(AuditLog).countBy({ entityId: cancelled.subscription.id })).toBe(0);
    });
  });

  describe('void-invoice', () => {
    it('answers 404 for another tenant\'s invoice and for another subscription\'s invoice of the same tenant, voiding nothing', async () => {
      for (const owner of [stranger, neighbour]) {
        const invoice = await insertInvoice(t.database.dataSource.manager, owner, '2026-02');
        const response = await act('void-invoice', { invoiceId: invoice.id, reason: 'Salah tagih' }).expect(404);
        expect(response.body.detail).toBe('Tagihan tidak ditemukan pada langganan ini.');
        expect(await t.database.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id })).toMatchObject({ status: 'unpaid', voidedAt: null });
      }
      expect(await actionAudits('void-invoice')).toBe(0);
    });

    it('answers 409 for an invoice of this subscription that is void already', async () => {
      const invoice = await insertInvoice(t.database.dataSource.manager, mine, '2026-03', { status: 'void', voidedAt: new Date() });
      const response = await act('void-invoice', { invoiceId: invoice.id, reason: 'Salah tagih' }).expect(409);
      expect(response.body.detail).toBe(`Tagihan ${invoice.number} sudah dibatalkan.`);
    });

    it('passes its own open invoice on to the workflow', async () => {
      const invoice = await insertInvoice(t.database.dataSource.manager, mine, '2026-04');
      reachedTemporal(await act('void-invoice', { invoiceId: invoice.id, reason: 'Salah tagih' }));
    });
  });

  describe('change-package', () => {
    it('answers 400 for another tenant\'s package and for an inactive package of the tenant, changing nothing', async () => {
      const m = t.database.dataSource.manager;
      const retired = await m.save(InternetPackage, { tenantId: mine.tenant.id, name: `Paket Lama ${mine.subscription.id.slice(0, 8)}`, speed: '1 Mbps', price: 5, isActive: false });
      for (const packageId of [stranger.pkg.id, retired.id]) {
        const response = await act('change-package', { packageId, mode: 'now', reason: 'Naik paket' }).expect(400);
        expect(response.body.detail).toBe('Paket tidak ditemukan atau tidak aktif.');
      }
      expect((await m.findOneByOrFail(Subscription, { id: mine.subscription.id })).packageId).toBe(mine.pkg.id);
      expect(await actionAudits('change-package')).toBe(0);
    });

    it('passes an active package of the tenant on to the workflow', async () => {
      reachedTemporal(await act('change-package', { packageId: neighbour.pkg.id, mode: 'next_cycle', reason: 'Naik paket' }));
    });
  });

  describe('restart-workflow', () => {
    it('needs subscription.manage and a reason; with both it asks Temporal', async () => {
      await act('restart-workflow', { reason: 'Gagal karena paket terhapus' }, mitra1).expect(403);
      await act('restart-workflow', {}).expect(400);
      reachedTemporal(await act('restart-workflow', { reason: 'Gagal karena paket terhapus' }));
      expect(await actionAudits('restart-workflow')).toBe(0);
    });
  });
});
