import request from 'supertest';
import { subscriptionWorkflowId } from '@lunas/contracts';
import { AuditLog, CreditNote, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, Invoice, Payment, PaymentAllocation, SEED_MITRAS, Tenant } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { ManualPaymentsController } from '../../src/payments/manual-payments.controller';
import { eventually, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from '../webhooks/payments-test-app';

interface Fixture {
  own: SubscriptionFixture;
  other: SubscriptionFixture;
}

describe(ManualPaymentsController.name, () => {
  const temporal = new RecordingSignalSender();
  let t: PaymentsTestApp<Fixture>;
  let mitra: string;
  let admin: string;
  let periods = 0;
  const db = () => t.database.dataSource;
  const http = () => request(t.app.getHttpServer());
  const newInvoice = (f: SubscriptionFixture) => insertInvoice(db().manager, f, `${2030 + Math.floor(periods / 12)}-${String((periods++ % 12) + 1).padStart(2, '0')}`);
  const login = async (username: string, password: string) => (await http().post('/api/v1/auth/login').send({ username, password }).expect(200)).body.accessToken as string;
  const pay = (token: string, invoiceId: string, body: object) => http().post(`/api/v1/invoices/${invoiceId}/payments`).set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    t = await startPaymentsTestApp<Fixture>({
      sender: temporal,
      prepare: async (dataSource) => {
        const mitraTenant = await dataSource.getRepository(Tenant).findOneByOrFail({ businessName: SEED_MITRAS[0].businessName });
        return { own: await insertSubscription(dataSource.manager, mitraTenant), other: await insertSubscription(dataSource.manager) };
      },
      payments: () => ({ tenants: {} }),
    });
    mitra = await login(SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
    admin = await login('superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  describe('Idempotency-Key', () => {
    it('books a retried payment once and answers it with the first answer; keys are per user', async () => {
      const invoice = await newInvoice(t.fixture.own);
      const body = { version: invoice.version, amount: 40_000, method: 'cash' };
      const first = await pay(mitra, invoice.id, body).set('Idempotency-Key', 'kasir-struk-0001').expect(201);
      const retry = await pay(mitra, invoice.id, body).set('Idempotency-Key', 'kasir-struk-0001').expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.text).toBe(first.text);
      expect(await db().getRepository(Payment).countBy({ invoiceId: invoice.id })).toBe(1);
      // Another user's key of the same name is another key.
      const other = await newInvoice(t.fixture.other);
      await pay(admin, other.id, { version: other.version, amount: 40_000, method: 'cash' }).set('Idempotency-Key', 'kasir-struk-0001').expect(201);
      expect(await db().getRepository(Payment).countBy({ invoiceId: other.id })).toBe(1);
    });
  });

  describe('record', () => {
    it('books cash on the invoice, audits it and signals the workflow as a kasir payment', async () => {
      const f = t.fixture.own;
      const invoice = await newInvoice(f);
      const response = await pay(mitra, invoice.id, { version: invoice.version, amount: 100_000, method: 'cash' }).expect(201);
      expect(response.body).toMatchObject({ allocated: 100_000, overpayment: 0, invoice: { status: 'partial', amountPaid: 100_000, balance: 66_500, version: invoice.version + 1 } });
      const payment = await db().getRepository(Payment).findOneByOrFail({ id: response.body.paymentId });
      expect(payment).toMatchObject({ gateway: 'manual', method: 'cash', status: 'succeeded', matchedRule: 'manual', recordedBy: expect.any(String) });
      expect(await db().getRepository(AuditLog).findOneBy({ action: 'payment.recorded', entityId: invoice.id })).toMatchObject({
        before: expect.objectContaining({ amountPaid: 0 }), after: expect.objectContaining({ amountPaid: 100_000, paymentId: payment.id }),
      });
      await eventually(() => expect(temporal.signals.filter((s) => s.payload.paymentId === payment.id)).toEqual([
        { workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id), payload: expect.objectContaining({ invoiceId: invoice.id, amount: 100_000, source: 'kasir' }) },
      ]));
    });

    it('refuses a stale version with 409 and writes nothing', async () => {
      const invoice = await newInvoice(t.fixture.own);
      await pay(mitra, invoice.id, { version: invoice.version, amount: 50_000, method: 'transfer' }).expect(201);
      const stale = await pay(mitra, invoice.id, { version: invoice.version, amount: 50_000, method: 'transfer' }).expect(409);
      expect(stale.body.detail).toBe('Tagihan sudah berubah, muat ulang');
      expect(await db().getRepository(Payment).countBy({ invoiceId: invoice.id })).toBe(1);
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ amountPaid: 50_000, version: invoice.version + 1 });
      expect(await db().getRepository(AuditLog).countBy({ action: 'payment.recorded', entityId: invoice.id })).toBe(1);
    });

    it("answers 404 for another tenant's invoice and writes nothing", async () => {
      const invoice = await newInvoice(t.fixture.other);
      const response = await pay(mitra, invoice.id, { version: invoice.version, amount: 50_000, method: 'cash' }).expect(404);
      expect(response.body.detail).toBe('Tagihan tidak ditemukan');
      expect(await db().getRepository(Payment).countBy({ invoiceId: invoice.id })).toBe(0);
    });

    it('lets the superadmin record on any tenant and books the excess as credit', async () => {
      const invoice = await newInvoice(t.fixture.other);
      const response = await pay(admin, invoice.id, { version: invoice.version, amount: 200_000, method: 'transfer' }).expect(201);
      expect(response.body).toMatchObject({ allocated: 166_500, overpayment: 33_500, invoice: { status: 'paid', balance: 0 } });
    });

    it('rejects a non-integer amount and unknown fields with 400 naming them', async () => {
      const invoice = await newInvoice(t.fixture.own);
      const response = await pay(mitra, invoice.id, { version: invoice.version, amount: 10.5, method: 'cash', discount: 1 }).expect(400);
      expect(response.body.detail).toContain('Kolom "discount" tidak dikenal');
      expect(response.body.detail).toContain('Kolom "amount" harus bilangan bulat');
    });

    it.each(['9007199254740993', '1e20', '-5', '0'])('rejects the amount %s (not a safe integer ≥ 1) with 400 in Indonesian and writes nothing', async (amount) => {
      const invoice = await newInvoice(t.fixture.own);
      const body = `{"version":${invoice.version},"amount":${amount},"method":"cash"}`;
      const response = await http().post(`/api/v1/invoices/${invoice.id}/payments`).set('Authorization', `Bearer ${mitra}`).set('Content-Type', 'application/json').send(body).expect(400);
      expect(response.body.detail).toBe('Kolom "amount" harus bilangan bulat rupiah, paling kecil 1');
      expect(await db().getRepository(Payment).countBy({ invoiceId: invoice.id })).toBe(0);
      expect(await db().getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ amountPaid: 0, version: invoice.version });
    });

    it('refuses more than LUNAS_MAX_PAYMENT_AMOUNT (default Rp 1.000.000.000) with 400 naming the limit, and books exactly the limit', async () => {
      expect(t.config.maxPaymentAmount).toBe(1_000_000_000);
      const invoice = await newInvoice(t.fixture.own);
      const above = await pay(mitra, invoice.id, { version: invoice.version, amount: 1_000_000_001, method: 'transfer' }).expect(400);
      expect(above.body).toMatchObject({ code: 'AMOUNT_ABOVE_LIMIT', detail: 'Jumlah melebihi batas Rp 1.000.000.000 per pembayaran' });
      expect(await db().getRepository(Payment).countBy({ invoiceId: invoice.id })).toBe(0);
      const atLimit = await pay(mitra, invoice.id, { version: invoice.version, amount: 1_000_000_000, method: 'transfer' }).expect(201);
      expect(atLimit.body).toMatchObject({ allocated: 166_500, overpayment: 999_833_500 });
    });
  });

  describe('refund', () => {
    it('without credit to cover it: issues a numbered credit note, reopens the balance, tells the workflow and refuses more than what is left', async () => {
      const f = await insertSubscription(db().manager, t.fixture.own.tenant);
      const invoice = await newInvoice(f);
      const paid = (await pay(admin, invoice.id, { version: invoice.version, amount: 166_500, method: 'cash' }).expect(201)).body;
      const refund = (path: string, amount: number) => http().post(path).set('Authorization', `Bearer ${admin}`).send({ amount, reason: 'Salah catat' });
      const response = await refund(`/api/v1/payments/${paid.paymentId}/refunds`, 66_500).expect(201);
      expect(response.body).toMatchObject({ fromInvoice: 66_500, fromCredit: 0, creditNoteNumber: expect.stringMatching(/^NK\/\d{4}\/\d{6}$/), invoice: { status: 'partial', amountPaid: 100_000 } });
      expect(await db().getRepository(CreditNote).findOneByOrFail({ id: response.body.creditNoteId })).toMatchObject({
        amount: 66_500, invoiceId: invoice.id, paymentId: paid.paymentId, number: response.body.creditNoteNumber, fromInvoice: 66_500, fromCredit: 0, reason: 'Salah catat',
      });
      expect(await db().getRepository(PaymentAllocation).findOneByOrFail({ paymentId: paid.paymentId })).toMatchObject({ amount: 100_000 });
      const tooMuch = await refund(`/api/v1/payments/${paid.paymentId}/refunds`, 100_001).expect(422);
      expect(tooMuch.body.detail).toBe('Jumlah pengembalian melebihi sisa pembayaran');
      const rest = await refund(`/api/v1/payments/${paid.paymentId}/refunds`, 100_000).expect(201);
      const sequence = (number: string) => Number(number.slice(number.lastIndexOf('/') + 1));
      expect(sequence(rest.body.creditNoteNumber)).toBe(sequence(response.body.creditNoteNumber) + 1);
      expect(await db().getRepository(Payment).findOneByOrFail({ id: paid.paymentId })).toMatchObject({ status: 'refunded' });
      const workflowId = subscriptionWorkflowId(f.tenant.id, f.subscription.id);
      await eventually(() => expect(temporal.reopenings.filter((s) => s.payload.invoiceId === invoice.id)).toEqual([
        { workflowId, payload: { eventId: response.body.creditNoteId, invoiceId: invoice.id, balance: 66_500, reason: 'refund' } },
        { workflowId, payload: { eventId: rest.body.creditNoteId, invoiceId: invoice.id, balance: 166_500, reason: 'refund' } },
      ]));
      expect(await db().getRepository(AuditLog).countBy({ action: 'payment.refunded', entityId: paid.paymentId })).toBe(2);
    });

    it('with enough credit: takes the refund from credit, the invoice stays paid, and the credit note and the credit show in the API', async () => {
      const f = await insertSubscription(db().manager, t.fixture.own.tenant);
      const invoice = await newInvoice(f);
      const paid = (await pay(admin, invoice.id, { version: invoice.version, amount: 200_000, method: 'cash' }).expect(201)).body;
      expect(paid).toMatchObject({ allocated: 166_500, overpayment: 33_500 });

      const response = await http().post(`/api/v1/payments/${paid.paymentId}/refunds`).set('Authorization', `Bearer ${admin}`).send({ amount: 30_000, reason: 'Kelebihan transfer' }).expect(201);

      expect(response.body).toMatchObject({ fromInvoice: 0, fromCredit: 30_000, invoice: { status: 'paid', amountPaid: 166_500, balance: 0 } });
      expect(await db().getRepository(PaymentAllocation).findOneByOrFail({ paymentId: paid.paymentId })).toMatchObject({ amount: 166_500 });
      const workflowId = subscriptionWorkflowId(f.tenant.id, f.subscription.id);
      await eventually(() => expect(temporal.reopenings.filter((s) => s.payload.invoiceId === invoice.id)).toEqual([
        { workflowId, payload: { eventId: response.body.creditNoteId, invoiceId: invoice.id, balance: 0, reason: 'refund', fromCredit: 30_000 } },
      ]));
      const account = await http().get(`/api/v1/customers/${f.customer.id}/credit`).set('Authorization', `Bearer ${mitra}`).expect(200);
      expect(account.body).toMatchObject({
        customerId: f.customer.id,
        credit: 3_500,
        bySubscription: [{ subscriptionId: f.subscription.id, credit: 3_500 }],
        allocations: [],
        creditNotes: [{ id: response.body.creditNoteId, number: response.body.creditNoteNumber, paymentId: paid.paymentId, amount: 30_000, fromCredit: 30_000, fromInvoice: 0 }],
      });
      await http().get(`/api/v1/customers/${t.fixture.other.customer.id}/credit`).set('Authorization', `Bearer ${mitra}`).expect(404);
    });

    it('is not allowed to a mitra (no payment.refund permission)', async () => {
      const invoice = await newInvoice(t.fixture.own);
      const paid = (await pay(mitra, invoice.id, { version: invoice.version, amount: 1_000, method: 'cash' }).expect(201)).body;
      await http().post(`/api/v1/payments/${paid.paymentId}/refunds`).set('Authorization', `Bearer ${mitra}`).send({ amount: 1_000, reason: 'x' }).expect(403);
    });

    it('rejects an unsafe or over-limit amount with 400, not a rounded refund or a 422/500', async () => {
      const invoice = await newInvoice(t.fixture.own);
      const paid = (await pay(admin, invoice.id, { version: invoice.version, amount: 1_000, method: 'cash' }).expect(201)).body;
      const refund = (amount: string) => http().post(`/api/v1/payments/${paid.paymentId}/refunds`).set('Authorization', `Bearer ${admin}`).set('Content-Type', 'application/json').send(`{"amount":${amount},"reason":"x"}`);
      expect((await refund('9007199254740993').expect(400)).body.detail).toBe('Kolom "amount" harus bilangan bulat rupiah, paling kecil 1');
      expect((await refund('1e20').expect(400)).body.detail).toBe('Kolom "amount" harus bilangan bulat rupiah, paling kecil 1');
      expect((await refund('1000000001').expect(400)).body.code).toBe('AMOUNT_ABOVE_LIMIT');
      expect(await db().getRepository(CreditNote).countBy({ invoiceId: invoice.id })).toBe(0);
    });
  });
});
