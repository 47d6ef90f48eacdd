import request from 'supertest';
import { hash } from '@node-rs/argon2';
import { AuditLog, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, Role, SEED_MITRAS, Tenant, User } from '@lunas/persistence';
import { insertTenant } from '@lunas/persistence/testing';
import { BillingSettingsController } from '../src/tenants/billing-settings.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

interface Fixture {
  mitraTenant: Tenant;
  otherTenant: Tenant;
}

const AUDITOR_PASSWORD = 'Auditor123!';

// The seeded mitra (11 %, exclusive by default); an auditor of that mitra (may read tenants, not change them); another mitra.
describe(BillingSettingsController.name, () => {
  let t: TestApp<Fixture>;
  let admin: string;
  let mitra: string;
  let auditor: string;
  const db = () => t.database.dataSource;
  const http = () => request(t.app.getHttpServer());
  const url = (tenantId: string) => `/api/v1/tenants/${tenantId}/billing-settings`;
  const audits = (tenantId: string) => db().manager.find(AuditLog, { where: { tenantId, action: 'tenant.billing_settings.update' }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const m = dataSource.manager;
        const mitraTenant = await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
        const user = await m.save(User, m.create(User, { tenantId: mitraTenant.id, username: 'auditor1', name: 'Auditor', passwordHash: await hash(AUDITOR_PASSWORD) }));
        const role = await m.findOneByOrFail(Role, { code: 'auditor' });
        await m.query(`INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)`, [user.id, role.id]);
        return { mitraTenant, otherTenant: await insertTenant(m) };
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
    auditor = await bearer(t, 'auditor1', AUDITOR_PASSWORD);
  });
  afterAll(() => t?.close());

  describe('GET', () => {
    it('answers the default of a mitra: 11 % (1.100 bp) added on top of prices, prorated activation invoice', async () => {
      const response = await http().get(url(t.fixture.otherTenant.id)).set('Authorization', admin).expect(200);
      expect(response.body).toEqual({ tenantId: t.fixture.otherTenant.id, ppnRateBasisPoints: 1_100, pricesIncludePpn: false, activationBilling: 'prorated' });
    });

    it("lets a tenant's own reader see its setting, answers 404 for another tenant and 403 without tenant.read", async () => {
      await http().get(url(t.fixture.mitraTenant.id)).set('Authorization', auditor).expect(200);
      const other = await http().get(url(t.fixture.otherTenant.id)).set('Authorization', auditor).expect(404);
      expect(other.body.detail).toBe('Mitra tidak ditemukan.');
      await http().get(url(t.fixture.mitraTenant.id)).set('Authorization', mitra).expect(403);
      await http().get(url(t.fixture.mitraTenant.id)).expect(401);
    });
  });

  describe('PUT', () => {
    it('sets 12 % inclusive for the mitra, audits the change with before and after, and GET shows it', async () => {
      const tenantId = t.fixture.mitraTenant.id;
      const response = await http().put(url(tenantId)).set('Authorization', admin).send({ ppnRateBasisPoints: 1_200, pricesIncludePpn: true }).expect(200);
      expect(response.body).toEqual({ tenantId, ppnRateBasisPoints: 1_200, pricesIncludePpn: true, activationBilling: 'prorated' });
      expect(await db().manager.findOneByOrFail(Tenant, { id: tenantId })).toMatchObject({ ppnRateBasisPoints: 1_200, pricesIncludePpn: true });
      expect((await http().get(url(tenantId)).set('Authorization', auditor).expect(200)).body).toMatchObject({ ppnRateBasisPoints: 1_200 });
      expect(await audits(tenantId)).toEqual([
        expect.objectContaining({
          entityType: 'tenant',
          entityId: tenantId,
          before: { tenantId, ppnRateBasisPoints: 1_100, pricesIncludePpn: false, activationBilling: 'prorated' },
          after: { tenantId, ppnRateBasisPoints: 1_200, pricesIncludePpn: true, activationBilling: 'prorated' },
        }),
      ]);
      await http().put(url(tenantId)).set('Authorization', admin).send({ ppnRateBasisPoints: 0, pricesIncludePpn: false }).expect(200);
      expect(await db().manager.findOneByOrFail(Tenant, { id: tenantId })).toMatchObject({ ppnRateBasisPoints: 0, pricesIncludePpn: false });
    });

    it('sets the activation billing to full_month and then none, each audited, keeping the PPN sent with it', async () => {
      const tenantId = t.fixture.otherTenant.id;
      const full = { ppnRateBasisPoints: 1_100, pricesIncludePpn: false, activationBilling: 'full_month' };
      expect((await http().put(url(tenantId)).set('Authorization', admin).send(full).expect(200)).body).toEqual({ tenantId, ...full });
      await http().put(url(tenantId)).set('Authorization', admin).send({ ...full, activationBilling: 'none' }).expect(200);
      expect(await db().manager.findOneByOrFail(Tenant, { id: tenantId })).toMatchObject({ activationBilling: 'none' });
      expect((await http().get(url(tenantId)).set('Authorization', admin).expect(200)).body.activationBilling).toBe('none');
      expect((await audits(tenantId)).map((row) => [row.before?.['activationBilling'], row.after?.['activationBilling']])).toEqual([
        ['prorated', 'full_month'],
        ['full_month', 'none'],
      ]);
      await http().put(url(tenantId)).set('Authorization', admin).send({ ...full, activationBilling: 'prorated' }).expect(200);
      await db().manager.delete(AuditLog, { tenantId, action: 'tenant.billing_settings.update' });
    });

    it('refuses a change of the activation billing to a mitra admin (403) and leaves it as it was', async () => {
      const body = { ppnRateBasisPoints: 1_100, pricesIncludePpn: false, activationBilling: 'none' };
      await http().put(url(t.fixture.mitraTenant.id)).set('Authorization', mitra).send(body).expect(403);
      expect(await db().manager.findOneByOrFail(Tenant, { id: t.fixture.mitraTenant.id })).toMatchObject({ activationBilling: 'prorated' });
    });

    it('is refused to the mitra and its auditor (no tenant.manage) and to a superadmin for an unknown tenant', async () => {
      const body = { ppnRateBasisPoints: 0, pricesIncludePpn: true };
      await http().put(url(t.fixture.otherTenant.id)).set('Authorization', mitra).send(body).expect(403);
      await http().put(url(t.fixture.otherTenant.id)).set('Authorization', auditor).send(body).expect(403);
      await http().put(url('00000000-0000-4000-8000-000000000000')).set('Authorization', admin).send(body).expect(404);
      await http().put(url('mitra-1')).set('Authorization', admin).send(body).expect(400);
      expect(await db().manager.findOneByOrFail(Tenant, { id: t.fixture.otherTenant.id })).toMatchObject({ ppnRateBasisPoints: 1_100, pricesIncludePpn: false });
    });

    it.each([
      [{ ppnRateBasisPoints: 10_001, pricesIncludePpn: false }, 'Kolom "ppnRateBasisPoints" di luar batas: tarif PPN dalam basis poin, 0–10.000 (0–100 %; 1.100 = 11 %)'],
      [{ ppnRateBasisPoints: -1, pricesIncludePpn: false }, 'Kolom "ppnRateBasisPoints" di luar batas: tarif PPN dalam basis poin, 0–10.000 (0–100 %; 1.100 = 11 %)'],
      [{ ppnRateBasisPoints: 1_100.5, pricesIncludePpn: false }, 'Kolom "ppnRateBasisPoints" harus bilangan bulat'],
      [{ ppnRateBasisPoints: 1_100, pricesIncludePpn: 'ya' }, 'Kolom "pricesIncludePpn" tidak valid: harus true atau false'],
      [{ ppnRateBasisPoints: 1_100 }, 'Kolom "pricesIncludePpn" tidak valid: harus true atau false'],
      [{ ppnRateBasisPoints: 1_100, pricesIncludePpn: false, ppnRate: 0.11 }, 'Kolom "ppnRate" tidak dikenal'],
      [{ ppnRateBasisPoints: 1_100, pricesIncludePpn: false, activationBilling: 'prorata' }, 'Kolom "activationBilling" berisi nilai yang tidak diizinkan'],
    ])('refuses %o with 400 "%s" and writes nothing', async (body, message) => {
      const tenantId = t.fixture.otherTenant.id;
      const response = await http().put(url(tenantId)).set('Authorization', admin).send(body).expect(400);
      expect(response.body.detail).toBe(message);
      expect(await db().manager.findOneByOrFail(Tenant, { id: tenantId })).toMatchObject({ ppnRateBasisPoints: 1_100, pricesIncludePpn: false, activationBilling: 'prorated' });
      expect(await audits(tenantId)).toEqual([]);
    });
  });
});
