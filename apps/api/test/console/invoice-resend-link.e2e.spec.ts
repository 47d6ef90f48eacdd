import request from 'supertest';
import { AuditLog, Customer, DEV_MITRA_PASSWORD, Invoice, NotificationLog, SEED_MITRAS, Tenant } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { wib, type LiveTemporal } from '@lunas/testing';
import { InvoicesController } from '../../src/invoices/invoices.controller';
import { startLiveTestApp, type LiveTestApp } from '../live-test-app';
import { bearer, type TestApp } from '../test-app';
import { eventually } from '../webhooks/payments-test-app';
import { CONSOLE_TEST_PASSWORD, insertUser } from './console-users';

jest.setTimeout(120_000);

// `POST /api/v1/invoices/:id/resend-link` on real PostgreSQL, with the embedded Temporal server and the real worker
// delivering through the mitra's sender queue (the local stand-in logs the rendered message as `simulated`).
describe(`${InvoicesController.name} resend-link (live: embedded Temporal server, real worker)`, () => {
  let app: LiveTestApp;
  let t: TestApp;
  let live: LiveTemporal;
  let own: SubscriptionFixture;
  let mitra: string;
  let billingAdmin: string;
  let kasir: string;
  const http = () => request(t.app.getHttpServer());
  const m = () => t.database.dataSource.manager;
  const resend = (invoiceId: string, authorization: string) => http().post(`/api/v1/invoices/${invoiceId}/resend-link`).set('authorization', authorization);
  const audits = (invoiceId: string) => m().countBy(AuditLog, { action: 'invoice.resend_link', entityId: invoiceId });

  beforeAll(async () => {
    app = await startLiveTestApp();
    t = app.t;
    const tenant = await m().findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
    own = await insertSubscription(m(), tenant);
    await m().update(Customer, { id: own.customer.id }, { whatsappConsent: true, email: 'ahmad@contoh.test', emailConsent: true });
    await insertUser(m(), tenant.id, 'resend-admin', ['admin_billing']);
    await insertUser(m(), tenant.id, 'resend-kasir', ['kasir']);
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
    billingAdmin = await bearer(t, 'resend-admin', CONSOLE_TEST_PASSWORD);
    kasir = await bearer(t, 'resend-kasir', CONSOLE_TEST_PASSWORD);
    // Tuesday 10:00 WIB: inside the sender's window (Mon–Sat 08:00–20:00).
    live = await app.startTemporal(wib('2027-03-02 10:00'));
  }, 180_000);
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });

  it('queues the pay link once for a double click and the worker delivers it once, audited once', async () => {
    const invoice = await insertInvoice(m(), own, '2026-02');
    const [first, second] = await Promise.all([resend(invoice.id, billingAdmin).send({ reason: 'Pelanggan minta dikirim ulang' }), resend(invoice.id, billingAdmin).send({})]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const payLink = `${t.config.publicBaseUrl}/bayar/${invoice.receiptToken}`;
    expect(first.body).toMatchObject({ channels: ['whatsapp', 'email'], payLink });
    expect(second.body.queuedAt).toBe(first.body.queuedAt);
    expect([first.body.alreadyQueued, second.body.alreadyQueued].sort()).toEqual([false, true]);
    expect(await audits(invoice.id)).toBe(1);

    // The sender paces its messages on durable timers: let the test server's clock run past the gap.
    await live.travelTo(wib('2027-03-02 10:30'));
    await eventually(async () => {
      const sent = await m().findBy(NotificationLog, { invoiceId: invoice.id });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ template: 'payment_reminder_1', status: 'simulated', recipient: '6281234567890' });
      expect(sent[0].body).toContain(payLink);
      expect(sent[0].body).toContain(invoice.number);
      expect(sent[0].body).toContain('Rp 166.500');
    }, 60_000);
  });

  it('lets the mitra admin resend too, but not a kasir (403), and hides another mitra\'s invoice (404)', async () => {
    const invoice = await insertInvoice(m(), own, '2026-03');
    await resend(invoice.id, kasir).send({}).expect(403);
    const other = await insertInvoice(m(), await insertSubscription(m()), '2026-03');
    const hidden = await resend(other.id, mitra).send({}).expect(404);
    expect(hidden.body.detail).toBe('Tagihan tidak ditemukan.');
    await resend(invoice.id, mitra).send({}).expect(200);
    expect(await audits(other.id)).toBe(0);
  });

  it('refuses a paid or void invoice and a customer without an agreed channel, in Indonesian, writing nothing', async () => {
    const paid = await insertInvoice(m(), own, '2026-04', { status: 'paid', amountPaid: 166_500 });
    expect((await resend(paid.id, billingAdmin).send({}).expect(409)).body.detail).toBe('Tagihan ini sudah lunas; tautan pembayaran tidak dikirim ulang.');
    const voided = await insertInvoice(m(), own, '2026-05', { status: 'void' });
    expect((await resend(voided.id, billingAdmin).send({}).expect(409)).body.detail).toBe('Tagihan ini sudah dibatalkan; tautan pembayaran tidak dikirim ulang.');

    const silent = await insertSubscription(m(), own.tenant);
    const unpaid = await insertInvoice(m(), silent, '2026-02');
    const refused = await resend(unpaid.id, billingAdmin).send({}).expect(409);
    expect(refused.body.detail).toBe(
      'Tautan pembayaran tidak bisa dikirim: Pelanggan belum memberi persetujuan menerima pesan WhatsApp atau email. Lengkapi kontak dan persetujuan pelanggan dulu.',
    );
    for (const invoice of [paid, voided, unpaid]) expect(await audits(invoice.id)).toBe(0);
  });

  it('refuses a malformed id and an over-long reason (400)', async () => {
    expect((await resend('abc', billingAdmin).send({}).expect(400)).body.detail).toBe('ID tagihan harus UUID yang valid.');
    const invoice = await m().findOneByOrFail(Invoice, { subscriptionId: own.subscription.id, period: '2026-03' });
    await resend(invoice.id, billingAdmin).send({ reason: 'x'.repeat(501) }).expect(400);
  });
});
