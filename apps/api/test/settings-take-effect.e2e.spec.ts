import request from 'supertest';
import { DEFAULT_RECEIPT_FIELDS } from '@lunas/contracts';
import { holdUntil, jakartaInstant } from '@lunas/domain';
import { DEV_ADMIN_PASSWORD, Invoice, InvoiceItem, loadBillingDocument, Tenant, tenantMessagingWindowAt } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { TenantSettingsController } from '../src/settings/tenant-settings.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

const LOGO = 'data:image/png;base64,iVBORw0KGgo=';

/** Pengaturan as the console sends it: everything default except what `over` says. */
const form = (over: Record<string, unknown>) => ({
  businessName: 'Net Cempaka', logoDataUrl: null, address: '', npwp: '', ppnRateBasisPoints: 1_100, pricesIncludePpn: false,
  invoiceNumberPrefix: 'INV', billingDefaults: { billingDay: 1 }, receipt: DEFAULT_RECEIPT_FIELDS,
  sendWindow: { start: '08:00', end: '20:00', quietWeekdays: [7], quietDates: [] }, gatewayAccount: 'own', bankAccounts: [],
  ...over,
});

// One mitra changes its Pengaturan (name, logo, address, NPWP, bank account, receipt toggles, send window and quiet
// days) between two invoices. The documents and the queued messages issued after the change use it; an invoice or a
// receipt issued before keeps what it was issued under.
describe(`${TenantSettingsController.name}: a change takes effect for what is issued after it`, () => {
  let t: TestApp<SubscriptionFixture>;
  let admin: string;
  const http = () => request(t.app.getHttpServer());
  const m = () => t.database.dataSource.manager;
  const documentOf = async (invoice: Invoice) => loadBillingDocument(m(), await m().findOneByOrFail(Invoice, { id: invoice.id }), 'https://lunas.test');
  const invoiceNow = async (period: string, overrides: Partial<Invoice> = {}) => {
    const invoice = await insertInvoice(m(), t.fixture, period, { issuedAt: new Date(), ...overrides });
    await m().insert(InvoiceItem, { invoiceId: invoice.id, position: 0, kind: 'package', description: 'Paket 20 Mbps', amount: 150_000 });
    return invoice;
  };

  beforeAll(async () => {
    t = await startTestApp<SubscriptionFixture>({
      prepare: async (dataSource) => insertSubscription(dataSource.manager, await dataSource.manager.save(Tenant, dataSource.manager.create(Tenant, { businessName: 'Net Cempaka', kind: 'mitra' }))),
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('prints the new business details and receipt toggles on the next invoice and receipt, and the old ones on documents issued before', async () => {
    const tenantId = t.fixture.tenant.id;
    const issuedBefore = await invoiceNow('2026-02');
    const paidBefore = await invoiceNow('2026-03', { status: 'paid', amountPaid: 166_500, paidAt: new Date() });

    await http()
      .put(`/api/v1/tenants/${tenantId}/settings`)
      .set('Authorization', admin)
      .send(form({
        businessName: 'Net Cempaka Raya', logoDataUrl: LOGO, address: 'Jl. Cempaka 7, Bogor', npwp: '01.234.567.8-901.000',
        receipt: { ...DEFAULT_RECEIPT_FIELDS, showNik: true, showPackage: false, footerText: 'Simpan nota ini.' },
        bankAccounts: [{ bankName: 'BRI', accountNumber: '0011223344', holder: 'CV Cempaka' }],
      }))
      .expect(200);
    const issuedAfter = await invoiceNow('2026-04');
    await m().update(Invoice, { id: issuedBefore.id }, { status: 'paid', amountPaid: 166_500, paidAt: new Date() });

    const before = { name: 'Net Cempaka', logoDataUrl: null, address: '', npwp: '', bankLine: null };
    const after = { name: 'Net Cempaka Raya', logoDataUrl: LOGO, address: 'Jl. Cempaka 7, Bogor', npwp: '012345678901000', bankLine: 'BRI 0011223344 a.n. CV Cempaka' };
    const oldReceipt = await documentOf(paidBefore);
    expect(oldReceipt).toMatchObject({ kind: 'receipt', business: before, fields: DEFAULT_RECEIPT_FIELDS });
    const newInvoice = await documentOf(issuedAfter);
    expect(newInvoice).toMatchObject({ kind: 'invoice', business: after, fields: { showNik: true, showPackage: false, footerText: 'Simpan nota ini.' } });
    expect(newInvoice.lines).toEqual([{ description: 'Paket 20 Mbps', amount: 150_000, package: true }]);
    // Issued under the old settings but paid after the change: the receipt is a document issued after it.
    expect(await documentOf(issuedBefore)).toMatchObject({ kind: 'receipt', business: after, fields: { showPackage: false } });
  });

  it('holds the next queued message by the new send window and quiet days, while the window before the change stays as it was', async () => {
    const tenantId = t.fixture.tenant.id;
    const beforeChange = new Date();
    await http()
      .put(`/api/v1/tenants/${tenantId}/settings`)
      .set('Authorization', admin)
      .send(form({ businessName: 'Net Cempaka Raya', sendWindow: { start: '09:00', end: '17:00', quietWeekdays: [6, 7], quietDates: ['2027-03-01'] } }))
      .expect(200);

    const old = await tenantMessagingWindowAt(m(), tenantId, new Date(beforeChange.getTime() - 1));
    const current = await tenantMessagingWindowAt(m(), tenantId);
    expect(old).toEqual({ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00', quietDates: [] });
    expect(current).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', quietDates: ['2027-03-01'] });
    // Queued on Saturday 27 February 2027 at 10:00 WIB: before the change it went out at once; now it waits over the
    // quiet weekend and the quiet Monday 1 March until Tuesday 09:00.
    const saturday = jakartaInstant('2027-02-27', 10, 0);
    expect(holdUntil(saturday, old!)).toBe(saturday);
    expect(holdUntil(saturday, current!)).toBe(jakartaInstant('2027-03-02', 9, 0));
  });

  it('refuses a week without a sending day, naming the field, and saves nothing', async () => {
    const tenantId = t.fixture.tenant.id;
    const version = (await http().get(`/api/v1/tenants/${tenantId}/settings`).set('Authorization', admin).expect(200)).body.version;
    const response = await http()
      .put(`/api/v1/tenants/${tenantId}/settings`)
      .set('Authorization', admin)
      .send(form({ businessName: 'Net Cempaka Raya', sendWindow: { start: '08:00', end: '20:00', quietWeekdays: [1, 2, 3, 4, 5, 6, 7], quietDates: [] } }))
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'sendWindow.quietWeekdays', message: 'Minimal satu hari dalam seminggu harus boleh mengirim pesan' }]);
    expect((await http().get(`/api/v1/tenants/${tenantId}/settings`).set('Authorization', admin).expect(200)).body.version).toBe(version);
  });
});
