import request from 'supertest';
import { Logger } from '@nestjs/common';
import { formatGatewayReference, parsePaymentsConfig } from '@lunas/payments';
import { DEV_ADMIN_PASSWORD, Invoice, Payment, PaymentEvent } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { freePort } from '@lunas/testing';
import { randomUUID } from 'node:crypto';
import { GatewayPaymentService } from '../../src/payments/gateway-payment.service';
import { sandboxWebhook, type SignedWebhook } from './gateway-payloads';
import { eventually, inboxSettled, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from './payments-test-app';

/** Secrets of three accounts of the same gateway: two mitra with their own sandbox account, and the platform's shared default. */
const SECRET_A = 'sandbox-secret-mitra-a';
const SECRET_B = 'sandbox-secret-mitra-b';
const SECRET_DEFAULT = 'sandbox-secret-platform-default';

interface Fixture {
  /** Victim: its own sandbox account. */
  a: SubscriptionFixture;
  /** Attacker: its own sandbox account of the same gateway. */
  b: SubscriptionFixture;
  /** Two tenants without an account of their own: both on the shared default account. */
  c: SubscriptionFixture;
  d: SubscriptionFixture;
}

describe(`${GatewayPaymentService.name} (gateway account binding)`, () => {
  const temporal = new RecordingSignalSender();
  let t: PaymentsTestApp<Fixture>;
  let baseUrl: string;
  let periods = 0;
  const db = () => t.database.dataSource;
  const http = () => request(t.app.getHttpServer());
  const newInvoice = (f: SubscriptionFixture, number = `INV/2026/08/${randomUUID().slice(0, 6)}`) =>
    insertInvoice(db().manager, f, `${2030 + Math.floor(periods / 12)}-${String((periods++ % 12) + 1).padStart(2, '0')}`, { number });
  const referenceOf = (f: SubscriptionFixture, invoice: Invoice) => formatGatewayReference(f.tenant.referenceNo, invoice.number);
  const deliver = async (webhook: SignedWebhook) => {
    await http().post('/webhooks/sandbox').set(webhook.headers).send(webhook.body).expect(200);
    await inboxSettled(db());
    return db().getRepository(PaymentEvent).findOneByOrFail({ eventId: JSON.parse(webhook.body).id });
  };
  const invoiceNow = (invoice: Invoice) => db().getRepository(Invoice).findOneByOrFail({ id: invoice.id });
  let warnings: jest.SpyInstance;
  const securityWarnings = (inboxId: string) =>
    warnings.mock.calls.filter(([entry]) => typeof entry === 'object' && entry?.security === true && entry.inboxId === inboxId).map(([entry]) => entry);

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await startPaymentsTestApp<Fixture>({
      sender: temporal,
      prepare: async (dataSource) => ({
        a: await insertSubscription(dataSource.manager),
        b: await insertSubscription(dataSource.manager),
        c: await insertSubscription(dataSource.manager),
        d: await insertSubscription(dataSource.manager),
      }),
      payments: (f) =>
        parsePaymentsConfig({
          default: { gateway: 'sandbox', baseUrl, secret: SECRET_DEFAULT },
          tenants: {
            [f.a.tenant.id]: { gateway: 'sandbox', baseUrl, secret: SECRET_A },
            [f.b.tenant.id]: { gateway: 'sandbox', baseUrl, secret: SECRET_B },
          },
        }),
    });
    await t.app.listen(port, '127.0.0.1');
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    warnings = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => warnings.mockRestore());

  describe('book', () => {
    it("books a mitra's own signed payment on its invoice named by its tenant-prefixed reference", async () => {
      const invoice = await newInvoice(t.fixture.a);
      const reference = `SBX-${randomUUID().slice(0, 8)}`;
      const row = await deliver(sandboxWebhook({ id: randomUUID(), reference, orderId: referenceOf(t.fixture.a, invoice), status: 'paid', amount: 166_500, secret: SECRET_A }));

      expect(row).toMatchObject({ status: 'forwarded', accountId: t.fixture.a.tenant.id });
      expect(await invoiceNow(invoice)).toMatchObject({ status: 'paid', amountPaid: 166_500 });
      expect(await db().getRepository(Payment).findOneByOrFail({ gatewayTransactionId: reference })).toMatchObject({ gatewayAccount: t.fixture.a.tenant.id, invoiceId: invoice.id });
    });

    it("parks, as a security event, a payment signed by mitra B's account for mitra A's pay-link transaction: A's invoice stays unpaid", async () => {
      const invoice = await newInvoice(t.fixture.a);
      const transaction = `SBX-${randomUUID().slice(0, 8)}`;
      await db().getRepository(Payment).insert({
        tenantId: invoice.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, gateway: 'sandbox', gatewayTransactionId: transaction,
        gatewayAccount: t.fixture.a.tenant.id, method: 'va', amount: 166_500, status: 'pending', matchedRule: 'gateway_reference',
      });

      const row = await deliver(sandboxWebhook({ id: randomUUID(), reference: transaction, orderId: referenceOf(t.fixture.a, invoice), status: 'paid', amount: 166_500, secret: SECRET_B }));

      expect(row).toMatchObject({ status: 'parked', accountId: t.fixture.b.tenant.id, lastError: expect.stringMatching(/^Ditolak demi keamanan: transaksi sandbox SBX-/) });
      expect(await invoiceNow(invoice)).toMatchObject({ status: 'unpaid', amountPaid: 0, version: invoice.version });
      expect(await db().getRepository(Payment).findOneByOrFail({ gatewayTransactionId: transaction })).toMatchObject({ status: 'pending' });
      expect(securityWarnings(row.id)).toEqual([expect.objectContaining({ gateway: 'sandbox', accountId: t.fixture.b.tenant.id, gatewayTransactionId: transaction })]);
    });

    it("parks, as a security event, a new transaction signed by B that carries A's reference: no payment is booked for A", async () => {
      const invoice = await newInvoice(t.fixture.a);
      const transaction = `SBX-${randomUUID().slice(0, 8)}`;

      const row = await deliver(sandboxWebhook({ id: randomUUID(), reference: transaction, orderId: referenceOf(t.fixture.a, invoice), status: 'paid', amount: 166_500, secret: SECRET_B }));

      expect(row).toMatchObject({ status: 'parked', lastError: `Ditolak demi keamanan: Referensi ${referenceOf(t.fixture.a, invoice)} milik mitra lain, bukan mitra akun gateway yang menandatangani notifikasi ini` });
      expect(await invoiceNow(invoice)).toMatchObject({ status: 'unpaid', amountPaid: 0 });
      expect(await db().getRepository(Payment).countBy({ gatewayTransactionId: transaction })).toBe(0);
      expect(securityWarnings(row.id)).toEqual([expect.objectContaining({ accountId: t.fixture.b.tenant.id, orderId: referenceOf(t.fixture.a, invoice) })]);
    });

    it("does not let a 'refunded' webhook signed by B reopen A's paid invoice", async () => {
      const invoice = await newInvoice(t.fixture.a);
      const transaction = `SBX-${randomUUID().slice(0, 8)}`;
      const orderId = referenceOf(t.fixture.a, invoice);
      await deliver(sandboxWebhook({ id: randomUUID(), reference: transaction, orderId, status: 'paid', amount: 166_500, secret: SECRET_A }));
      const paid = await invoiceNow(invoice);
      expect(paid).toMatchObject({ status: 'paid', amountPaid: 166_500 });

      const row = await deliver(sandboxWebhook({ id: randomUUID(), reference: transaction, orderId, status: 'refunded', amount: 166_500, refundedAmount: 166_500, secret: SECRET_B }));

      expect(row).toMatchObject({ status: 'parked', lastError: expect.stringMatching(/^Ditolak demi keamanan/) });
      expect(await invoiceNow(invoice)).toMatchObject({ status: 'paid', amountPaid: 166_500, version: paid.version });
      expect(await db().getRepository(Payment).findOneByOrFail({ gatewayTransactionId: transaction })).toMatchObject({ status: 'succeeded' });
      expect(securityWarnings(row.id)).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(temporal.reopenings.filter((signal) => signal.payload.invoiceId === invoice.id)).toEqual([]);
    });

    it("does not let B's account pre-empt A's notification by sending its event id first", async () => {
      const invoice = await newInvoice(t.fixture.a);
      const [eventId, transaction, orderId] = [randomUUID(), `SBX-${randomUUID().slice(0, 8)}`, referenceOf(t.fixture.a, invoice)];
      const forged = sandboxWebhook({ id: eventId, reference: transaction, orderId, status: 'failed', amount: 166_500, secret: SECRET_B });
      await http().post('/webhooks/sandbox').set(forged.headers).send(forged.body).expect(200);

      const real = sandboxWebhook({ id: eventId, reference: transaction, orderId, status: 'paid', amount: 166_500, secret: SECRET_A });
      const answer = await http().post('/webhooks/sandbox').set(real.headers).send(real.body).expect(200);
      await inboxSettled(db());

      expect(answer.body).toEqual({ received: 1, duplicates: 0 });
      expect(await invoiceNow(invoice)).toMatchObject({ status: 'paid', amountPaid: 166_500 });
      const rows = await db().getRepository(PaymentEvent).find({ where: { eventId }, order: { receivedAt: 'ASC' } });
      expect(rows.map((row) => [row.accountId, row.status])).toEqual([[t.fixture.b.tenant.id, 'parked'], [t.fixture.a.tenant.id, 'forwarded']]);
    });

    it("does not let the shared default account touch a mitra with an account of its own", async () => {
      const invoice = await newInvoice(t.fixture.a);
      const row = await deliver(sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: referenceOf(t.fixture.a, invoice), status: 'paid', amount: 166_500, secret: SECRET_DEFAULT }));

      expect(row).toMatchObject({ status: 'parked', lastError: expect.stringMatching(/^Ditolak demi keamanan/) });
      expect(await invoiceNow(invoice)).toMatchObject({ status: 'unpaid', amountPaid: 0 });
    });
  });

  describe('pay without a pay link on the shared default account', () => {
    it('books the sandbox partial payment on the right one of two tenants whose invoices share a number', async () => {
      const number = `INV/2026/08/${randomUUID().slice(0, 6)}`;
      const [ofC, ofD] = [await newInvoice(t.fixture.c, number), await newInvoice(t.fixture.d, number)];
      const admin = (await http().post('/api/v1/auth/login').send({ username: 'superadmin', password: DEV_ADMIN_PASSWORD }).expect(200)).body.accessToken;
      const link = await http().post(`/api/v1/invoices/${ofC.id}/pay-links`).set('Authorization', `Bearer ${admin}`).send({ method: 'va' }).expect(201);
      expect(await db().getRepository(Payment).findOneByOrFail({ gatewayTransactionId: link.body.gatewayReference })).toMatchObject({ gatewayAccount: 'default', invoiceId: ofC.id });

      await http().post(`/sandbox/pay/${link.body.gatewayReference}`).type('form').send({ amount: '66500' }).expect(200);

      await eventually(async () => expect(await invoiceNow(ofC)).toMatchObject({ status: 'partial', amountPaid: 66_500 }));
      await inboxSettled(db());
      expect(await invoiceNow(ofD)).toMatchObject({ status: 'unpaid', amountPaid: 0 });
      const [part] = await db().getRepository(Payment).findBy({ invoiceId: ofC.id, status: 'succeeded' });
      expect(part).toMatchObject({ amount: 66_500, gatewayAccount: 'default', matchedRule: 'gateway_reference', gatewayTransactionId: expect.stringMatching(/-P[0-9A-F]+$/) });
      const events: Array<{ status: string }> = await db().query(`SELECT status FROM payment_events WHERE event->>'orderId' = $1`, [referenceOf(t.fixture.c, ofC)]);
      expect(events).toEqual([{ status: 'forwarded' }]);
    });
  });
  // Mitra A has its own sandbox account. Its pay links are created on that account until its Pengaturan choose the
  // platform's account; then the next link is created (and signed, and paid back) on the default account.
  describe("the mitra's gateway account choice (Pengaturan)", () => {
    it('creates the pay link on the account the settings in effect choose, and books the payment signed by it', async () => {
      const admin = (await http().post('/api/v1/auth/login').send({ username: 'superadmin', password: DEV_ADMIN_PASSWORD }).expect(200)).body.accessToken;
      const payLink = async (invoice: Invoice) => (await http().post(`/api/v1/invoices/${invoice.id}/pay-links`).set('Authorization', `Bearer ${admin}`).send({ method: 'va' }).expect(201)).body;
      const accountOf = async (reference: string) => (await db().getRepository(Payment).findOneByOrFail({ gatewayTransactionId: reference })).gatewayAccount;
      const tenantId = t.fixture.a.tenant.id;

      const onOwn = await payLink(await newInvoice(t.fixture.a));
      expect(await accountOf(onOwn.gatewayReference)).toBe(tenantId);

      const settings = (await http().get(`/api/v1/tenants/${tenantId}/settings`).set('Authorization', `Bearer ${admin}`).expect(200)).body;
      const { tenantId: _id, version: _version, effectiveFrom: _from, ...form } = settings;
      await http().put(`/api/v1/tenants/${tenantId}/settings`).set('Authorization', `Bearer ${admin}`).send({ ...form, gatewayAccount: 'default' }).expect(200);
      const invoice = await newInvoice(t.fixture.a);
      const onDefault = await payLink(invoice);
      expect(await accountOf(onDefault.gatewayReference)).toBe('default');

      await http().post(`/sandbox/pay/${onDefault.gatewayReference}`).type('form').send({ amount: '166500' }).expect(200);
      await eventually(async () => expect(await invoiceNow(invoice)).toMatchObject({ status: 'paid', amountPaid: 166_500 }));
      await inboxSettled(db());
      const events: Array<{ status: string; account_id: string }> = await db().query(`SELECT status, account_id FROM payment_events WHERE event->>'orderId' = $1`, [referenceOf(t.fixture.a, invoice)]);
      expect(events).toEqual([{ status: 'forwarded', account_id: 'default' }]);
    });
  });
});
