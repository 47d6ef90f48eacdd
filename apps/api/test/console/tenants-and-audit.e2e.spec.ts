import request from 'supertest';
import { DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, DunningPolicy, SEED_MITRAS, Tenant } from '@lunas/persistence';
import { TenantsController } from '../../src/tenants/tenants.controller';
import { AuditLogController } from '../../src/audit/audit-log.controller';
import { bearer, startTestApp, type TestApp } from '../test-app';
import { CONSOLE_TEST_PASSWORD, insertUser } from './console-users';

interface Fixture {
  mitra: Tenant;
}

// The superadmin creates and edits a mitra; the seeded mitra keeps its own bank accounts; an auditor of it reads the audit log.
describe(`${TenantsController.name} and ${AuditLogController.name}`, () => {
  let t: TestApp<Fixture>;
  let admin: string;
  let mitra: string;
  let auditor: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const m = dataSource.manager;
        const mitraTenant = await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
        await insertUser(m, mitraTenant.id, 'auditor1', ['auditor']);
        return { mitra: mitraTenant };
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
    auditor = await bearer(t, 'auditor1', CONSOLE_TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  it('creates a mitra with contact, gateway reference and bank accounts, and the default dunning policy', async () => {
    const body = { businessName: 'Net Cibodas', contactName: 'Pak Joko', phone: '0812-7777-8888', email: 'joko@cibodas.id', gatewayAccountRef: 'sub-merchant-17', bankAccounts: [{ bankName: 'BCA', accountNumber: '1234567890', holder: 'CV Net Cibodas' }] };
    const created = await http().post('/api/v1/tenants').set('Authorization', admin).send(body).expect(201);
    expect(created.body).toMatchObject({ ...body, phone: '6281277778888', kind: 'mitra', active: true, customerCount: 0 });
    expect(await t.database.dataSource.manager.countBy(DunningPolicy, { tenantId: created.body.id, active: true })).toBe(1);
    const taken = await http().post('/api/v1/tenants').set('Authorization', admin).send({ businessName: 'Net Cibodas' }).expect(409);
    expect(taken.body.errors).toEqual([{ field: 'businessName', message: 'Nama usaha sudah dipakai mitra lain.' }]);
    const bad = await http().post('/api/v1/tenants').set('Authorization', admin).send({ businessName: 'X', bankAccounts: [{ bankName: 'BCA', accountNumber: '12ab', holder: 'X' }] }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'bankAccounts.0.accountNumber', message: expect.stringContaining('Nomor rekening harus 5–30 digit angka') }]);
    await http().post('/api/v1/tenants').set('Authorization', mitra).send(body).expect(403);
  });

  it('deactivates a mitra only with a reason', async () => {
    const list = await http().get('/api/v1/tenants').query({ q: 'cibodas' }).set('Authorization', admin).expect(200);
    const id = list.body.items[0].id;
    const missing = await http().patch(`/api/v1/tenants/${id}`).set('Authorization', admin).send({ active: false }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'reason', message: 'Alasan wajib diisi saat menonaktifkan mitra' }]);
    await http().patch(`/api/v1/tenants/${id}`).set('Authorization', admin).send({ active: false, reason: 'Kontrak selesai' }).expect(200);
  });

  it("lets a mitra set its own bank accounts but not another mitra's, and shows it only itself", async () => {
    const accounts = { bankAccounts: [{ bankName: 'Mandiri', accountNumber: '9876543210', holder: 'Budi Santoso' }] };
    const own = await http().put(`/api/v1/tenants/${t.fixture.mitra.id}/bank-accounts`).set('Authorization', mitra).send(accounts).expect(200);
    expect(own.body.bankAccounts).toEqual(accounts.bankAccounts);
    const other = await t.database.dataSource.manager.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[1].businessName });
    await http().put(`/api/v1/tenants/${other.id}/bank-accounts`).set('Authorization', mitra).send(accounts).expect(404);
    const seen = await http().get('/api/v1/tenants').set('Authorization', auditor).expect(200);
    expect(seen.body.items.map((tenant: { id: string }) => tenant.id)).toEqual([t.fixture.mitra.id]);
  });

  it("shows an auditor its mitra's audit rows with actor, IP, before/after and reason, filtered by action prefix and day", async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const log = await http().get('/api/v1/audit-log').query({ action: 'tenant.', from: today, to: today }).set('Authorization', auditor).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ action: 'tenant.bank_accounts.update', entityId: t.fixture.mitra.id, actorName: 'Budi Santoso', sourceIp: expect.any(String), before: expect.objectContaining({ bankAccounts: [] }), after: expect.objectContaining({ bankAccounts: [expect.objectContaining({ bankName: 'Mandiri' })] }) }),
    ]);
    const all = await http().get('/api/v1/audit-log').query({ action: 'tenant.update' }).set('Authorization', admin).expect(200);
    expect(all.body.items[0]).toMatchObject({ reason: 'Kontrak selesai' });
    const yesterday = await http().get('/api/v1/audit-log').query({ to: '2020-01-01' }).set('Authorization', admin).expect(200);
    expect(yesterday.body.total).toBe(0);
    await http().get('/api/v1/audit-log').query({ from: 'kemarin' }).set('Authorization', admin).expect(400);
    await http().get('/api/v1/audit-log').set('Authorization', mitra).expect(403);
  });
});
