import request from 'supertest';
import { subscriptionWorkflowId } from '@lunas/contracts';
import { parsePaymentsConfig, type NormalisedPaymentEvent } from '@lunas/payments';
import {
  Adjustment, AuditLog, Invoice, NotificationLog, OperatorNotification, Payment, PaymentAllocation, PaymentEvent,
} from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { WebhookInboxProcessor } from '../../src/webhooks/webhook-inbox.processor';
import { mountWebhookRoute } from '../../src/webhooks/webhook-route';
import {
  MIDTRANS_SERVER_KEY, midtransNotification, SANDBOX_SECRET, sandboxWebhook, type SignedWebhook, TRIPAY_PRIVATE_KEY, tripayCallback,
  XENDIT_CALLBACK_TOKEN, xenditInvoiceCallback,
} from './gateway-payloads';
import { eventually, inboxBooked, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from './payments-test-app';

interface Fixture {
  midtrans: SubscriptionFixture;
  xendit: SubscriptionFixture;
  tripay: SubscriptionFixture;
  sandbox: SubscriptionFixture;
}

describe(mountWebhookRoute.name, () => {
  const temporal = new RecordingSignalSender();
  let t: PaymentsTestApp<Fixture>;
  const db = () => t.database.dataSource;
  const post = (gateway: string, webhook: SignedWebhook) => request(t.app.getHttpServer()).post(`/webhooks/${gateway}`).set(webhook.headers).send(webhook.body);
  /** Posts a webhook, expects 200 and waits until it is booked (booking follows the answer). */
  const deliver = async (gateway: string, webhook: SignedWebhook) => {
    const response = await post(gateway, webhook).expect(200);
    await inboxBooked(db());
    return response;
  };
  let periods = 0;
  /** A new unpaid invoice of Rp 166.500 in the next unused period of the subscription. */
  const newInvoice = (f: SubscriptionFixture, overrides: Partial<Invoice> = {}) => {
    const n = periods++;
    const period = `${2030 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    return insertInvoice(db().manager, f, period, { number: `INV-${randomUUID().slice(0, 8)}`, ...overrides });
  };
  const paymentsOf = (invoiceId: string) => db().getRepository(Payment).findBy({ invoiceId });
  const signalsFor = (paymentId: string) => temporal.signals.filter((signal) => signal.payload.paymentId === paymentId);
  const deliveredFor = (invoiceId: string) => temporal.delivered.filter((signal) => 'invoiceId' in signal.payload && signal.payload.invoiceId === invoiceId);
  const inboxRowOf = async (paymentId: string) =>
    ((await db().query(`SELECT e.* FROM payment_events e JOIN payment_signals s ON s.payment_event_id = e.id WHERE s.payment_id = $1`, [paymentId])) as Array<Record<string, unknown>>)[0];
  const inboxCount = () => db().getRepository(PaymentEvent).count();
  /** The inbox row id of a sandbox notification (its body's `id`). */
  const inboxIdOf = async (webhook: SignedWebhook) => (await db().getRepository(PaymentEvent).findOneByOrFail({ eventId: JSON.parse(webhook.body).id })).id;

  beforeAll(async () => {
    t = await startPaymentsTestApp<Fixture>({
      sender: temporal,
      prepare: async (dataSource) => ({
        midtrans: await insertSubscription(dataSource.manager),
        xendit: await insertSubscription(dataSource.manager),
        tripay: await insertSubscription(dataSource.manager),
        sandbox: await insertSubscription(dataSource.manager),
      }),
      payments: (f) =>
        parsePaymentsConfig({
          default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:1', secret: SANDBOX_SECRET },
          tenants: {
            [f.midtrans.tenant.id]: { gateway: 'midtrans', environment: 'sandbox', serverKey: MIDTRANS_SERVER_KEY },
            [f.xendit.tenant.id]: { gateway: 'xendit', secretKey: 'xnd_development_test', callbackToken: XENDIT_CALLBACK_TOKEN },
            [f.tripay.tenant.id]: { gateway: 'tripay', environment: 'sandbox', merchantCode: 'T0001', apiKey: 'DEV-test', privateKey: TRIPAY_PRIVATE_KEY },
          },
        }),
    });
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    temporal.down = false;
  });

  describe('receive', () => {
    it.each([
      ['midtrans', (f: Fixture) => f.midtrans, (orderId: string, amount: number) => midtransNotification({ orderId, transactionId: randomUUID(), status: 'settlement', amount })],
      ['xendit', (f: Fixture) => f.xendit, (orderId: string, amount: number) => xenditInvoiceCallback({ externalId: orderId, invoiceId: randomUUID().replace(/-/g, '').slice(0, 24), status: 'PAID', amount })],
      ['tripay', (f: Fixture) => f.tripay, (orderId: string, amount: number) => tripayCallback({ merchantRef: orderId, reference: `T0001${Date.now()}${Math.floor(Math.random() * 1e6)}`, status: 'PAID', amount })],
      ['sandbox', (f: Fixture) => f.sandbox, (orderId: string, amount: number) => sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId, status: 'paid', amount })],
    ])('books a signed %s payment on the invoice named by the order id and signals its workflow once', async (gateway, pick, notification) => {
      const f = pick(t.fixture);
      const invoice = await newInvoice(f);
      const response = await deliver(gateway, notification(invoice.number, 166_500));
      expect(response.body).toEqual({ received: 1, duplicates: 0 });

      const [payment] = await paymentsOf(invoice.id);
      expect(payment).toMatchObject({ gateway, status: 'succeeded', amount: 166_500, matchedRule: 'gateway_reference', tenantId: f.tenant.id, customerId: f.customer.id });
      expect(await db().getRepository(PaymentAllocation).findBy({ paymentId: payment.id })).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: 166_500 })]);
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500, version: invoice.version + 1 });
      await eventually(() => expect(signalsFor(payment.id)).toEqual([
        { workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id), payload: { paymentId: payment.id, invoiceId: invoice.id, amount: 166_500, paidAt: payment.paidAt?.getTime(), source: 'gateway' } },
      ]));
      await eventually(async () => expect(await inboxRowOf(payment.id)).toMatchObject({ gateway, status: 'forwarded', forwarded_at: expect.any(Date) }));
      expect(await db().getRepository(AuditLog).countBy({ entityId: payment.id, action: `payment.gateway_paid` })).toBe(1);
    });

    it.each([
      ['tampered body', () => { const w = midtransNotification({ orderId: 'INV-X', transactionId: 'tx-1', status: 'settlement', amount: 166_500 }); return { ...w, body: w.body.replace('166500.00', '1665000.00') }; }, 'midtrans'],
      ['wrong server key', () => midtransNotification({ orderId: 'INV-X', transactionId: 'tx-2', status: 'settlement', amount: 166_500, serverKey: 'SB-Mid-server-OTHER' }), 'midtrans'],
      ['wrong callback token', () => xenditInvoiceCallback({ externalId: 'INV-X', invoiceId: 'inv-x', status: 'PAID', amount: 1, token: 'guess' }), 'xendit'],
      ['missing token header', () => { const w = xenditInvoiceCallback({ externalId: 'INV-X', invoiceId: 'inv-y', status: 'PAID', amount: 1 }); return { body: w.body, headers: { 'content-type': 'application/json' } }; }, 'xendit'],
      ['wrong private key', () => tripayCallback({ merchantRef: 'INV-X', reference: 'T1', status: 'PAID', amount: 10_000, privateKey: 'other' }), 'tripay'],
      ['missing signature header', () => { const w = tripayCallback({ merchantRef: 'INV-X', reference: 'T2', status: 'PAID', amount: 10_000 }); return { body: w.body, headers: { 'content-type': 'application/json', 'x-callback-event': 'payment_status' } }; }, 'tripay'],
      ['stale timestamp (301 s)', () => sandboxWebhook({ id: 'evt-stale', reference: 'SBX-S', orderId: 'INV-X', status: 'paid', amount: 1, signedAt: new Date(Date.now() - 301_000) }), 'sandbox'],
      ['wrong secret', () => sandboxWebhook({ id: 'evt-key', reference: 'SBX-K', orderId: 'INV-X', status: 'paid', amount: 1, secret: 'other' }), 'sandbox'],
    ])('refuses a %s with 401 and stores nothing', async (_case, webhook, gateway) => {
      const before = await inboxCount();
      const response = await post(gateway, webhook()).expect(401);
      expect(response.body.detail).toBe('Tanda tangan webhook tidak valid');
      expect(await inboxCount()).toBe(before);
    });

    it('refuses a body over 1 MiB with 413 and stores nothing', async () => {
      const before = await inboxCount();
      const webhook = sandboxWebhook({ id: 'evt-big', reference: 'SBX-B', orderId: 'INV-X', status: 'paid', amount: 1 });
      const response = await post('sandbox', { ...webhook, body: webhook.body.padEnd(1024 * 1024 + 1, ' ') }).expect(413);
      expect(response.body.detail).toBe('Isi notifikasi terlalu besar');
      expect(await inboxCount()).toBe(before);
    });

    it('accepts a sandbox signature 299 s old', async () => {
      const invoice = await newInvoice(t.fixture.sandbox);
      await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 1_000, signedAt: new Date(Date.now() - 299_000) }));
      expect(await paymentsOf(invoice.id)).toHaveLength(1);
    });

    it('answers after storing the verified event with the account that authenticated it, and books it afterwards', async () => {
      const f = t.fixture.midtrans;
      const invoice = await newInvoice(f);
      const transactionId = randomUUID();
      await post('midtrans', midtransNotification({ orderId: invoice.number, transactionId, status: 'settlement', amount: 166_500 })).expect(200);
      const [stored]: Array<{ event: NormalisedPaymentEvent; account_id: string }> = await db().query(
        `SELECT event, account_id FROM payment_events WHERE gateway = 'midtrans' AND event->>'gatewayTransactionId' = $1`,
        [transactionId],
      );
      expect(stored).toMatchObject({ account_id: f.tenant.id, event: { gateway: 'midtrans', gatewayTransactionId: transactionId, orderId: invoice.number, kind: 'paid', amount: 166_500 } });
      await eventually(async () => expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ status: 'succeeded', amount: 166_500 })]));
      await eventually(async () => expect(await db().getRepository(PaymentEvent).findOneByOrFail({ eventId: stored.event.eventId })).toMatchObject({ bookedAt: expect.any(Date) }));
    });

    it('stores the headers of a Xendit callback with its callback token redacted and the signatures of others kept', async () => {
      const xenditInvoice = await newInvoice(t.fixture.xendit);
      const xenditId = randomUUID().replace(/-/g, '').slice(0, 24);
      await deliver('xendit', xenditInvoiceCallback({ externalId: xenditInvoice.number, invoiceId: xenditId, status: 'PAID', amount: 166_500 }));
      const tripay = tripayCallback({ merchantRef: (await newInvoice(t.fixture.tripay)).number, reference: `T0001${Date.now()}`, status: 'PAID', amount: 166_500 });
      await deliver('tripay', tripay);
      const [xendit]: Array<{ headers: Record<string, string>; raw: string }> = await db().query(
        `SELECT headers, headers::text AS raw FROM payment_events WHERE gateway = 'xendit' AND event->>'gatewayTransactionId' = $1`, [xenditId]);
      expect(xendit.headers).toMatchObject({ 'x-callback-token': '[redacted]', 'content-type': 'application/json' });
      expect(xendit.raw).not.toContain(XENDIT_CALLBACK_TOKEN);
      const [tripayRow]: Array<{ headers: Record<string, string> }> = await db().query(
        `SELECT headers FROM payment_events WHERE gateway = 'tripay' AND event->>'gatewayTransactionId' = $1`, [JSON.parse(tripay.body).reference]);
      expect(tripayRow.headers['x-callback-signature']).toBe(tripay.headers['x-callback-signature']);
    });

    it('answers 404 for a gateway it does not know', async () => {
      await request(t.app.getHttpServer()).post('/webhooks/paypal').send({}).expect(404);
    });

    it('serves the paths Express matched for the route (any case, a trailing slash) and leaves other methods to the router', async () => {
      const invoice = await newInvoice(t.fixture.sandbox);
      const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 });
      const http = () => request(t.app.getHttpServer());
      const first = await http().post('/Webhooks/sandbox/?via=proxy').set(webhook.headers).send(webhook.body).expect(200);
      expect(first.body).toEqual({ received: 1, duplicates: 0 });
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const encoded = await http().post('/webhooks/%73andbox').set(webhook.headers).send(webhook.body).expect(200);
      expect(encoded.body).toEqual({ received: 1, duplicates: 1 });
      await inboxBooked(db());
      expect(await paymentsOf(invoice.id)).toHaveLength(1);

      const get = await http().get('/webhooks/sandbox').expect(404);
      expect(get.headers['content-type']).toMatch(/^application\/problem\+json/);
      await http().post('/webhooks/sandbox/extra').send({}).expect(404);
    });

    it('answers a redelivered event 200 without booking it again', async () => {
      const invoice = await newInvoice(t.fixture.sandbox);
      const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 });
      await deliver('sandbox', webhook);
      const again = await deliver('sandbox', webhook);
      expect(again.body).toEqual({ received: 1, duplicates: 1 });
      expect(await paymentsOf(invoice.id)).toHaveLength(1);
    });

    it('books one payment and sends one signal when the same event arrives 10 times at once', async () => {
      const invoice = await newInvoice(t.fixture.midtrans);
      const webhook = midtransNotification({ orderId: invoice.number, transactionId: randomUUID(), status: 'settlement', amount: 166_500 });
      const responses = await Promise.all(Array.from({ length: 10 }, () => post('midtrans', webhook)));
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect(responses.filter((response) => response.body.duplicates === 0)).toHaveLength(1);
      await inboxBooked(db());
      const payments = await paymentsOf(invoice.id);
      expect(payments).toHaveLength(1);
      expect(await db().getRepository(PaymentAllocation).countBy({ invoiceId: invoice.id })).toBe(1);
      await eventually(() => expect(signalsFor(payments[0].id)).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(signalsFor(payments[0].id)).toHaveLength(1);
    });

    it('parks an event for an unknown invoice for Finance and answers 200', async () => {
      const orderId = `INV-UNKNOWN-${randomUUID().slice(0, 6)}`;
      const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId, status: 'paid', amount: 50_000, vaNumber: '8808000000001' });
      await deliver('sandbox', webhook);
      const parked = await db().getRepository(PaymentEvent).findOneByOrFail({ eventId: JSON.parse(webhook.body).id });
      expect(parked).toMatchObject({ status: 'parked', lastError: `Tidak ada tagihan bernomor ${orderId}; nomor VA 8808000000001 tidak dikenal` });
      expect(await db().getRepository(Payment).countBy({ gateway: 'sandbox', gatewayTransactionId: JSON.parse(webhook.body).data.reference })).toBe(0);
    });

    it("matches an unknown order id by the customer's VA number to the customer's oldest open invoice", async () => {
      const f = await insertSubscription(db().manager, t.fixture.sandbox.tenant);
      const vaNumber = `8808${Date.now().toString().slice(-9)}`;
      const first = await newInvoice(f);
      await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: first.number, status: 'paid', amount: 166_500, vaNumber }));
      const older = await newInvoice(f, { issuedAt: new Date('2026-01-04T06:00:00+07:00') });
      await newInvoice(f, { issuedAt: new Date('2026-02-04T06:00:00+07:00') });
      await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: 'STATIC-VA', status: 'paid', amount: 166_500, vaNumber }));
      expect(await paymentsOf(older.id)).toEqual([expect.objectContaining({ matchedRule: 'va_number', amount: 166_500, status: 'succeeded' })]);
    });

    it('keeps a settled payment paid when its pending notification arrives afterwards', async () => {
      const invoice = await newInvoice(t.fixture.midtrans);
      const transactionId = randomUUID();
      await deliver('midtrans', midtransNotification({ orderId: invoice.number, transactionId, status: 'settlement', amount: 166_500 }));
      await deliver('midtrans', midtransNotification({ orderId: invoice.number, transactionId, status: 'pending', amount: 166_500 }));
      expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ status: 'succeeded', amount: 166_500 })]);
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500 });
    });

    it('ends refunded, with the balance reopened, when the refund arrives before the settlement', async () => {
      const f = t.fixture.sandbox;
      const invoice = await newInvoice(f);
      const reference = `SBX-${randomUUID().slice(0, 8)}`;
      const refund = sandboxWebhook({ id: randomUUID(), reference, orderId: invoice.number, status: 'refunded', amount: 166_500, refundedAmount: 166_500 });
      await deliver('sandbox', refund);
      await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference, orderId: invoice.number, status: 'paid', amount: 166_500 }));
      const [payment] = await paymentsOf(invoice.id);
      expect(payment).toMatchObject({ status: 'refunded', amount: 166_500 });
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'unpaid', amountPaid: 0 });
      expect(await db().getRepository(PaymentAllocation).countBy({ paymentId: payment.id })).toBe(0);
      const refundId = await inboxIdOf(refund);
      await eventually(() => expect(deliveredFor(invoice.id)).toEqual([
        { workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id), kind: 'payment_received', payload: expect.objectContaining({ paymentId: payment.id, amount: 166_500 }) },
        { workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id), kind: 'balance_reopened', payload: { eventId: refundId, invoiceId: invoice.id, balance: 166_500, reason: 'refund' } },
      ]));
    });

    it('maps Midtrans pending to a pending payment and expire to a failed one, without a signal', async () => {
      const invoice = await newInvoice(t.fixture.midtrans);
      const transactionId = randomUUID();
      await deliver('midtrans', midtransNotification({ orderId: invoice.number, transactionId, status: 'pending', amount: 166_500 }));
      expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ status: 'pending', paidAt: null })]);
      await deliver('midtrans', midtransNotification({ orderId: invoice.number, transactionId, status: 'expire', amount: 166_500 }));
      const [payment] = await paymentsOf(invoice.id);
      expect(payment.status).toBe('failed');
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'unpaid', amountPaid: 0 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(signalsFor(payment.id)).toEqual([]);
    });

    it('books a partial payment as partial and an overpayment as customer credit', async () => {
      const invoice = await newInvoice(t.fixture.sandbox);
      await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 100_000 }));
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'partial', amountPaid: 100_000 });
      await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 100_000 }));
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500 });
      expect(await db().getRepository(Adjustment).findBy({ invoiceId: invoice.id })).toEqual([expect.objectContaining({ kind: 'overpayment', amount: 33_500 })]);
    });

    it('reopens the balance, flags the customer and tells Finance on a chargeback', async () => {
      const f = t.fixture.sandbox;
      const invoice = await newInvoice(f);
      const reference = `SBX-${randomUUID().slice(0, 8)}`;
      await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference, orderId: invoice.number, status: 'paid', amount: 166_500 }));
      const chargeback = sandboxWebhook({ id: randomUUID(), reference, orderId: invoice.number, status: 'chargeback', amount: 166_500, refundedAmount: 166_500 });
      await deliver('sandbox', chargeback);
      expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ status: 'chargeback' })]);
      const chargebackId = await inboxIdOf(chargeback);
      await eventually(() => expect(temporal.reopenings.filter((signal) => signal.payload.invoiceId === invoice.id)).toEqual([
        { workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id), payload: { eventId: chargebackId, invoiceId: invoice.id, balance: 166_500, reason: 'chargeback' } },
      ]));
      await eventually(async () => expect(await db().getRepository(PaymentEvent).findOneByOrFail({ id: chargebackId })).toMatchObject({ status: 'forwarded' }));
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'unpaid', amountPaid: 0 });
      expect(await db().getRepository(AuditLog).findOneBy({ action: 'customer.flagged', entityId: f.customer.id })).toMatchObject({ after: expect.objectContaining({ reason: 'chargeback', amount: 166_500 }) });
      expect(await db().getRepository(OperatorNotification).findBy({ entityId: invoice.id })).toEqual([
        expect.objectContaining({ tenantId: f.tenant.id, kind: 'chargeback', permission: 'report.finance.read', body: expect.stringContaining('Rp 166.500') }),
      ]);
      expect(await db().getRepository(NotificationLog).countBy({ invoiceId: invoice.id })).toBe(0);
    });

    it('stores events while Temporal is unreachable and relays each exactly once when it is back', async () => {
      temporal.down = true;
      const invoices = [await newInvoice(t.fixture.sandbox), await newInvoice(t.fixture.sandbox)];
      for (const invoice of invoices) {
        await deliver('sandbox', sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 }));
      }
      const payments = (await Promise.all(invoices.map((invoice) => paymentsOf(invoice.id)))).flat();
      await eventually(async () => {
        const rows: Array<{ status: string; attempts: number }> = await db().query(`SELECT e.status, e.attempts FROM payment_events e JOIN payment_signals s ON s.payment_event_id = e.id WHERE s.payment_id = ANY($1)`, [payments.map((p) => p.id)]);
        expect(rows).toEqual([expect.objectContaining({ status: 'pending' }), expect.objectContaining({ status: 'pending' })]);
        expect(rows.every((row) => row.attempts >= 2)).toBe(true);
      });
      expect(payments.flatMap((payment) => signalsFor(payment.id))).toEqual([]);

      temporal.down = false;
      await eventually(() => expect(payments.map((payment) => signalsFor(payment.id).length)).toEqual([1, 1]));
      await eventually(async () => {
        const statuses: Array<{ status: string }> = await db().query(`SELECT e.status FROM payment_events e JOIN payment_signals s ON s.payment_event_id = e.id WHERE s.payment_id = ANY($1)`, [payments.map((p) => p.id)]);
        expect(statuses).toEqual([{ status: 'forwarded' }, { status: 'forwarded' }]);
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(payments.map((payment) => signalsFor(payment.id).length)).toEqual([1, 1]);
    });
  });

  describe(WebhookInboxProcessor.name, () => {
    /** Stores an inbox row the way the request does, as if its process had died before booking it. */
    const storeUnbooked = async (event: NormalisedPaymentEvent | null, accountId = 'default') => (await storeAllUnbooked([event], accountId))[0];
    /** Stores inbox rows in one statement (so they are claimed together), received one after the other in the given order. */
    const storeAllUnbooked = async (events: ReadonlyArray<NormalisedPaymentEvent | null>, accountId = 'default') => {
      const rows: Array<{ id: string }> = await db().query(
        `INSERT INTO payment_events (gateway, event_id, raw_body, headers, event, account_id, received_at)
         SELECT 'sandbox', gen_random_uuid()::text, '{}', '{}', e.event, $2, now() - interval '1 minute' + e.n * interval '1 millisecond'
           FROM unnest($1::jsonb[]) WITH ORDINALITY AS e(event, n) ORDER BY e.n RETURNING id`,
        [events.map((event) => (event === null ? null : JSON.stringify(event))), accountId],
      );
      return rows.map((row) => row.id);
    };
    const sandboxPaid = (orderId: string, amount: number): NormalisedPaymentEvent => ({
      gateway: 'sandbox', eventId: randomUUID(), gatewayTransactionId: `SBX-${randomUUID().slice(0, 8)}`, orderId, paymentMethod: 'va',
      amount, kind: 'paid', occurredAt: new Date().toISOString(), raw: {},
    });

    describe('bookDue', () => {
      it('books an event left unbooked exactly once, however many replicas poll at the same time', async () => {
        const invoice = await newInvoice(t.fixture.sandbox);
        const id = await storeUnbooked(sandboxPaid(invoice.number, 166_500));
        const replicas = [t.app.get(WebhookInboxProcessor), t.app.get(WebhookInboxProcessor), t.app.get(WebhookInboxProcessor)];
        await Promise.all(replicas.map((replica) => replica.bookDue()));
        await inboxBooked(db());
        const payments = await paymentsOf(invoice.id);
        expect(payments).toEqual([expect.objectContaining({ status: 'succeeded', amount: 166_500 })]);
        expect(await db().getRepository(PaymentAllocation).countBy({ invoiceId: invoice.id })).toBe(1);
        expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500, version: invoice.version + 1 });
        await eventually(() => expect(signalsFor(payments[0].id)).toHaveLength(1));
        await eventually(async () => expect(await db().getRepository(PaymentEvent).findOneByOrFail({ id })).toMatchObject({ status: 'forwarded', bookedAt: expect.any(Date) }));
      });

      it('books the events of one batch in received order: a payment, then its partial refund reopening the balance', async () => {
        const f = t.fixture.sandbox;
        const invoice = await newInvoice(f);
        const paid = sandboxPaid(invoice.number, 166_500);
        const refunded: NormalisedPaymentEvent = { ...paid, eventId: randomUUID(), kind: 'partially_refunded', refundedAmount: 66_500 };
        const [, refundId] = await storeAllUnbooked([paid, refunded]);
        await t.app.get(WebhookInboxProcessor).bookDue();
        await inboxBooked(db());

        const [payment] = await paymentsOf(invoice.id);
        expect(payment).toMatchObject({ status: 'succeeded', amount: 166_500 });
        expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'partial', amountPaid: 100_000, version: invoice.version + 2 });
        expect(await db().getRepository(PaymentAllocation).findBy({ paymentId: payment.id })).toEqual([expect.objectContaining({ amount: 100_000 })]);
        expect((await db().getRepository(AuditLog).findBy({ entityId: payment.id })).map((entry) => entry.action).sort()).toEqual(['payment.gateway_paid', 'payment.gateway_partially_refunded']);
        await eventually(() => expect(deliveredFor(invoice.id).map((signal) => signal.kind)).toEqual(['payment_received', 'balance_reopened']));
        expect(temporal.reopenings.find((signal) => signal.payload.invoiceId === invoice.id)?.payload).toEqual({ eventId: refundId, invoiceId: invoice.id, balance: 66_500, reason: 'refund' });
      });

      it('books the rest of a batch when one of its events cannot be booked, and retries that one alone', async () => {
        const [first, second] = [await newInvoice(t.fixture.sandbox), await newInvoice(t.fixture.sandbox)];
        const [, broken] = await storeAllUnbooked([sandboxPaid(first.number, 166_500), null, sandboxPaid(second.number, 166_500)]);
        try {
          await t.app.get(WebhookInboxProcessor).bookDue();
          await eventually(async () => {
            expect([...(await paymentsOf(first.id)), ...(await paymentsOf(second.id))]).toEqual([
              expect.objectContaining({ status: 'succeeded', amount: 166_500 }), expect.objectContaining({ status: 'succeeded', amount: 166_500 }),
            ]);
            expect(await db().getRepository(PaymentEvent).findOneByOrFail({ id: broken })).toMatchObject({
              status: 'pending', bookedAt: null, lastError: 'payment event ' + broken + ': the inbox row holds no normalised event',
            });
          });
        } finally {
          await db().query(`DELETE FROM payment_events WHERE id = $1`, [broken]);
        }
      });

      it('keeps an event it cannot book unbooked, with the error, and retries it later', async () => {
        const id = await storeUnbooked(null);
        try {
          await eventually(async () => {
            const row = await db().getRepository(PaymentEvent).findOneByOrFail({ id });
            expect(row).toMatchObject({ status: 'pending', bookedAt: null, lastError: expect.any(String) });
            expect(row.attempts).toBeGreaterThanOrEqual(2);
            expect(row.nextAttemptAt).toEqual(expect.any(Date));
          });
        } finally {
          await db().query(`DELETE FROM payment_events WHERE id = $1`, [id]);
        }
      });
    });
  });
});
