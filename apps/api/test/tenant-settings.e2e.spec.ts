import request from 'supertest';
import { DEFAULT_RECEIPT_FIELDS, DEFAULT_SEND_WINDOW } from '@lunas/contracts';
import { AuditLog, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, SEED_MITRAS, Tenant, tenantSettingsAt } from '@lunas/persistence';
import { insertTenant } from '@lunas/persistence/testing';
import { TenantSettingsController } from '../src/settings/tenant-settings.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

interface Fixture {
  mitra: Tenant;
  other: Tenant;
}

const form = (over: Record<string, unknown> = {}) => ({
  businessName: 'Net Sukamaju Baru',
  logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  address: 'Jl. Merdeka 1, Bandung',
  npwp: '01.234.567.8-901.000',
  ppnRateBasisPoints: 1_200,
  pricesIncludePpn: true,
  invoiceNumberPrefix: 'nsb',
  billingDefaults: { billingDay: 10 },
  receipt: { ...DEFAULT_RECEIPT_FIELDS, showNik: true, showPaidBy: false, footerText: '  Terima kasih!  ' },
  sendWindow: { start: '07:30', end: '19:00', quietWeekdays: [7, 7], quietDates: ['2026-12-25'] },
  gatewayAccount: 'own',
  bankAccounts: [{ bankName: 'BCA', accountNumber: '1234567890', holder: 'CV Net Sukamaju' }],
  ...over,
});

describe(TenantSettingsController.name, () => {
  let t: TestApp<Fixture>;
  let admin: string;
  let mitra: string;
  const http = () => request(t.app.getHttpServer());
  const url = (id: string) => `/api/v1/tenants/${id}/settings`;

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => ({
        mitra: await dataSource.manager.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName }),
        other: await insertTenant(dataSource.manager, { bankAccounts: [{ bankName: 'BRI', accountNumber: '555000111', holder: 'Budi' }] }),
      }),
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
  });
  afterAll(() => t?.close());

  describe('get', () => {
    it('answers version 1 before any save: the defaults with the tenant\'s own name, PPN and bank account', async () => {
      const body = (await http().get(url(t.fixture.other.id)).set('Authorization', admin).expect(200)).body;
      expect(body).toMatchObject({
        tenantId: t.fixture.other.id, version: 1, businessName: t.fixture.other.businessName, ppnRateBasisPoints: 1_100, pricesIncludePpn: false,
        invoiceNumberPrefix: 'INV', receipt: DEFAULT_RECEIPT_FIELDS, sendWindow: DEFAULT_SEND_WINDOW, gatewayAccount: 'own',
        bankAccounts: [{ bankName: 'BRI', accountNumber: '555000111', holder: 'Budi' }],
      });
    });

    it('refuses a mitra (no tenant.read) with 403 and a caller without a token with 401', async () => {
      await http().get(url(t.fixture.mitra.id)).set('Authorization', mitra).expect(403);
      await http().get(url(t.fixture.mitra.id)).expect(401);
    });
  });

  describe('update', () => {
    it('saves version 2, keeps the tenant columns equal, audits it, and leaves version 1 for documents issued before', async () => {
      const id = t.fixture.other.id;
      const before = new Date();
      const body = (await http().put(url(id)).set('Authorization', admin).send(form()).expect(200)).body;
      expect(body).toMatchObject({
        version: 2, invoiceNumberPrefix: 'NSB', npwp: '012345678901000',
        receipt: { showNik: true, showPaidBy: false, footerText: 'Terima kasih!' },
        sendWindow: { start: '07:30', end: '19:00', quietWeekdays: [7], quietDates: ['2026-12-25'] },
      });
      const m = t.database.dataSource.manager;
      expect(await m.findOneByOrFail(Tenant, { id })).toMatchObject({ businessName: 'Net Sukamaju Baru', ppnRateBasisPoints: 1_200, pricesIncludePpn: true, bankAccounts: [{ bankName: 'BCA', accountNumber: '1234567890', holder: 'CV Net Sukamaju' }] });
      expect((await tenantSettingsAt(m, id, new Date(before.getTime() - 1)))?.version).toBe(1);
      expect((await tenantSettingsAt(m, id))?.version).toBe(2);
      const [audit] = await m.find(AuditLog, { where: { tenantId: id, action: 'tenant.settings.update' } });
      expect(audit.before).toMatchObject({ version: 1, businessName: t.fixture.other.businessName });
      expect(audit.after).toMatchObject({ version: 2, businessName: 'Net Sukamaju Baru', hasLogo: true });

      const again = (await http().put(url(id)).set('Authorization', admin).send(form({ invoiceNumberPrefix: 'INV' })).expect(200)).body;
      expect(again.version).toBe(3);
    });

    it('answers bad input with 400 naming each field, and writes nothing', async () => {
      const id = t.fixture.mitra.id;
      const response = await http()
        .put(url(id))
        .set('Authorization', admin)
        .send(form({ invoiceNumberPrefix: 'INV/2026', billingDefaults: { billingDay: 31 }, logoDataUrl: 'data:text/html;base64,PGI+' }))
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['billingDefaults.billingDay', 'invoiceNumberPrefix', 'logoDataUrl']);
      const window = await http().put(url(id)).set('Authorization', admin).send(form({ sendWindow: { start: '20:00', end: '08:00', quietWeekdays: [], quietDates: [] }, npwp: '123' })).expect(400);
      expect(window.body.errors).toEqual([
        { field: 'sendWindow.end', message: 'Jam akhir jendela kirim harus setelah jam mulai' },
        { field: 'npwp', message: 'NPWP harus 15 atau 16 digit' },
      ]);
      expect((await tenantSettingsAt(t.database.dataSource.manager, id))?.version).toBe(1);
    });

    it('refuses a business name another mitra uses with 409, and a mitra with 403', async () => {
      const taken = await http().put(url(t.fixture.mitra.id)).set('Authorization', admin).send(form({ businessName: 'Net Sukamaju Baru' })).expect(409);
      expect(taken.body.detail).toBe('Nama usaha sudah dipakai mitra lain.');
      await http().put(url(t.fixture.mitra.id)).set('Authorization', mitra).send(form()).expect(403);
    });
  });
});
