import request from 'supertest';
import { AuditLog, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, OperatorNotification, Tenant } from '@lunas/persistence';
import { bearer, startTestApp, type TestApp } from './test-app';

/** The operators' notification inbox: who sees which message, per-operator read state, audit. */
describe('OperatorNotificationsController (medium)', () => {
  let t: TestApp;
  let admin: string;
  let mitra1: string;
  let mitra2: string;
  let chargeback: OperatorNotification;
  let refundOnly: OperatorNotification;
  const http = () => request(t.app.getHttpServer());
  const inbox = async (token: string) => (await http().get('/api/v1/notifications').set('Authorization', token).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra1 = await bearer(t, 'mitra1', DEV_MITRA_PASSWORD);
    mitra2 = await bearer(t, 'mitra2', DEV_MITRA_PASSWORD);
    const repository = t.database.dataSource.getRepository(OperatorNotification);
    const sukamaju = await t.database.dataSource.getRepository(Tenant).findOneByOrFail({ businessName: 'WiFi Sukamaju' });
    const notice = { tenantId: sukamaju.id, kind: 'chargeback', body: 'Sisa tagihan dibuka kembali.', entityType: 'invoice', entityId: null };
    chargeback = await repository.save(repository.create({ ...notice, permission: 'report.finance.read', title: 'Chargeback Rp 166.500', idempotencyKey: 'a' }));
    refundOnly = await repository.save(repository.create({ ...notice, permission: 'payment.refund', title: 'Untuk pemegang izin refund', idempotencyKey: 'b' }));
  });
  afterAll(async () => t.close());

  it('shows a message to the operators of its tenant who hold its permission, and to the superadmin', async () => {
    expect((await inbox(mitra1)).items.map((item: { id: string }) => item.id)).toEqual([chargeback.id]);
    expect(await inbox(mitra1)).toMatchObject({ unread: 1, items: [{ title: 'Chargeback Rp 166.500', kind: 'chargeback', readAt: null }] });
    expect(await inbox(mitra2)).toEqual({ items: [], unread: 0 });
    expect(new Set((await inbox(admin)).items.map((item: { id: string }) => item.id))).toEqual(new Set([chargeback.id, refundOnly.id]));
    await http().get('/api/v1/notifications').expect(401);
  });

  it('marks a message read for the caller only, once (one audit entry), and hides other tenants\' messages as 404', async () => {
    const missing = await http().post(`/api/v1/notifications/${chargeback.id}/read`).set('Authorization', mitra2).expect(404);
    expect(missing.body.detail).toBe('Notifikasi tidak ditemukan.');
    await http().post(`/api/v1/notifications/${refundOnly.id}/read`).set('Authorization', mitra1).expect(404);
    await http().post('/api/v1/notifications/bukan-uuid/read').set('Authorization', mitra1).expect(400);

    const first = await http().post(`/api/v1/notifications/${chargeback.id}/read`).set('Authorization', mitra1).expect(200);
    const again = await http().post(`/api/v1/notifications/${chargeback.id}/read`).set('Authorization', mitra1).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await inbox(mitra1)).toMatchObject({ unread: 0, items: [{ id: chargeback.id, readAt: first.body.readAt }] });
    expect((await inbox(admin)).unread).toBe(2);
    expect(await t.database.dataSource.getRepository(AuditLog).countBy({ action: 'operator_notification.read', entityId: chargeback.id })).toBe(1);
  });
});
