import { subscriptionWorkflowId } from '@lunas/contracts';
import { Adjustment, CreditAllocation, CreditNote, Invoice, Payment, PaymentAllocation, Subscription } from '../entities';
import { createTestDatabase, insertInvoice, insertSubscription, type SubscriptionFixture, type TestDatabase } from '../testing';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { LedgerBatch, PaymentConflictError, type LedgerInvoice, type NewPayment } from './ledger-batch';

/** Medium tests: the ledger batch on a real, migrated PostgreSQL. */
describe(LedgerBatch.name, () => {
  let db: TestDatabase;
  let f: SubscriptionFixture;
  let period = 0;
  const newInvoice = () => insertInvoice(db.dataSource.manager, f, `2031-${String(++period).padStart(2, '0')}`);
  const receipt = (invoice: LedgerInvoice, amount: number): NewPayment => ({
    tenantId: invoice.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, gateway: 'manual', gatewayTransactionId: `manual:${randomUUID()}`,
    method: 'cash', amount, status: 'succeeded', paidAt: new Date('2031-01-10T10:00:00+07:00'),
  });
  /** Runs `work` on a new batch in one transaction and flushes it. */
  const inBatch = (work: (batch: LedgerBatch, m: EntityManager) => Promise<void>) =>
    db.dataSource.transaction(async (m) => {
      const batch = new LedgerBatch(30_000);
      await work(batch, m);
      return batch.flush(m);
    });
  const signalsOf = (invoiceId: string): Promise<Array<{ kind: string; idempotency_key: string; payload: Record<string, unknown>; attempts: number }>> =>
    db.dataSource.query(`SELECT kind, idempotency_key, payload, attempts FROM payment_signals WHERE payload->>'invoiceId' = $1 ORDER BY seq`, [invoiceId]);

  beforeAll(async () => {
    db = await createTestDatabase();
    f = await insertSubscription(db.dataSource.manager);
  });
  afterAll(() => db.destroy());

  describe('receive', () => {
    it('applies two payments of one invoice in order (partial, then paid with the excess as credit, one version per change) and claims their outbox rows for the writer', async () => {
      const invoice = await newInvoice();
      let first = '';
      const before = Date.now();
      const claimed = await inBatch(async (batch, m) => {
        const locked = (await batch.lockInvoice(m, invoice.id)) as LedgerInvoice;
        const one = batch.createPayment(receipt(locked, 100_000));
        first = one.id;
        expect(batch.receive(one, locked, 'kasir')).toMatchObject({ allocated: 100_000, overpayment: 0, invoice: { status: 'partial', balance: 66_500 } });
        expect(batch.receive(batch.createPayment(receipt(locked, 100_000)), locked, 'kasir')).toMatchObject({ allocated: 66_500, overpayment: 33_500, invoice: { status: 'paid', balance: 0 } });
      });

      expect(await db.dataSource.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500, version: invoice.version + 2, paidAt: expect.any(Date) });
      expect((await db.dataSource.getRepository(PaymentAllocation).findBy({ invoiceId: invoice.id })).map((a) => a.amount).sort()).toEqual([100_000, 66_500].sort());
      expect(await db.dataSource.getRepository(Adjustment).findBy({ invoiceId: invoice.id })).toEqual([expect.objectContaining({ kind: 'overpayment', amount: 33_500 })]);
      const signals = await signalsOf(invoice.id);
      expect(signals.map((s) => [s.kind, s.payload['amount'], s.attempts])).toEqual([['payment_received', 100_000, 1], ['payment_received', 100_000, 1]]);
      expect(signals[0].idempotency_key).toBe(first);
      expect(claimed.map((row) => [row.kind, row.attempts, row.lease_ends_at >= before + 30_000])).toEqual([['payment_received', 1, true], ['payment_received', 1, true]]);
      expect(claimed[0].seq).toBeLessThan(claimed[1].seq);
    });
  });

  describe('reverse', () => {
    it('reopens the invoice and queues balanceReopened with what it owes again; a refund of the credit only reopens nothing', async () => {
      const invoice = await newInvoice();
      let paymentId = '';
      await inBatch(async (batch, m) => {
        const locked = (await batch.lockInvoice(m, invoice.id)) as LedgerInvoice;
        const payment = batch.createPayment(receipt(locked, 200_000));
        paymentId = payment.id;
        batch.receive(payment, locked, 'kasir');
      });
      const [fromInvoice, fromCredit] = [randomUUID(), randomUUID()];
      await inBatch(async (batch, m) => {
        await batch.lockPayments(m, [paymentId]);
        const payment = batch.payment(paymentId);
        const locked = (await batch.lockInvoice(m, invoice.id)) as LedgerInvoice;
        if (!payment) throw new Error('payment not locked');
        expect(await batch.reverse(m, payment, locked, 166_500, 'Dana dikembalikan', null, { eventId: fromInvoice, reason: 'chargeback' })).toMatchObject({ fromInvoice: 166_500, fromCredit: 0 });
        expect(await batch.reverse(m, payment, locked, 33_500, 'Kelebihan dikembalikan', null, { eventId: fromCredit, reason: 'refund' })).toMatchObject({ fromInvoice: 0, fromCredit: 33_500 });
      });

      expect(await db.dataSource.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'unpaid', amountPaid: 0, paidAt: null });
      expect(await db.dataSource.getRepository(PaymentAllocation).countBy({ paymentId })).toBe(0);
      expect((await db.dataSource.getRepository(Adjustment).findBy({ paymentId })).map((a) => [a.kind, a.amount]).sort()).toEqual([['overpayment', 33_500], ['refund', -33_500]]);
      expect((await signalsOf(invoice.id)).map((s) => [s.kind, s.idempotency_key, s.payload])).toEqual([
        ['payment_received', paymentId, expect.objectContaining({ paymentId, amount: 200_000 })],
        ['balance_reopened', fromInvoice, { eventId: fromInvoice, invoiceId: invoice.id, balance: 166_500, reason: 'chargeback' }],
        ['balance_reopened', fromCredit, { eventId: fromCredit, invoiceId: invoice.id, balance: 166_500, reason: 'refund', fromCredit: 33_500 }],
      ]);
    });
  });

  describe('refund out of credit', () => {
    it('takes it from another subscription\'s credit as an allocation, keeps the invoice paid, numbers the credit note and tells both workflows', async () => {
      const m = db.dataSource.manager;
      const own = await insertSubscription(m);
      const other = await m.save(Subscription, m.create(Subscription, {
        tenantId: own.tenant.id, customerId: own.customer.id, packageId: own.pkg.id, billingDay: 5, startedOn: '2026-01-01', pppoeUsername: `pppoe-${randomUUID().slice(0, 8)}`,
      }));
      await m.insert(Adjustment, { tenantId: own.tenant.id, customerId: own.customer.id, subscriptionId: other.id, kind: 'overpayment', amount: 50_000 });
      const invoice = await insertInvoice(m, own, '2031-06');
      let paymentId = '';
      await inBatch(async (batch, tx) => {
        const locked = (await batch.lockInvoice(tx, invoice.id)) as LedgerInvoice;
        const payment = batch.createPayment(receipt(locked, 166_500));
        paymentId = payment.id;
        batch.receive(payment, locked, 'kasir');
      });

      let creditNoteId = '';
      await inBatch(async (batch, tx) => {
        await batch.lockPayments(tx, [paymentId]);
        const locked = (await batch.lockInvoice(tx, invoice.id)) as LedgerInvoice;
        const reversal = await batch.reverse(tx, batch.payment(paymentId) as NonNullable<ReturnType<LedgerBatch['payment']>>, locked, 40_000, 'Salah transfer', null, { reason: 'refund' });
        expect(reversal).toMatchObject({ fromInvoice: 0, fromCredit: 40_000, invoice: { status: 'paid', balance: 0 } });
        creditNoteId = reversal.creditNoteId ?? '';
      });

      const note = await m.findOneByOrFail(CreditNote, { id: creditNoteId });
      expect(note).toMatchObject({ number: expect.stringMatching(/^NK\/\d{4}\/000001$/), amount: 40_000, fromCredit: 40_000, fromInvoice: 0, paymentId });
      expect(await m.findBy(CreditAllocation, { creditNoteId })).toEqual([
        expect.objectContaining({ fromSubscriptionId: other.id, toSubscriptionId: own.subscription.id, amount: 40_000 }),
      ]);
      expect(await m.query(`SELECT COALESCE(sum(amount), 0)::int AS credit FROM adjustments WHERE subscription_id = $1`, [other.id])).toEqual([{ credit: 10_000 }]);
      const signals: Array<{ workflow_id: string; kind: string; payload: Record<string, unknown> }> = await m.query(
        `SELECT workflow_id, kind, payload FROM payment_signals WHERE payment_id = $1 AND kind <> 'payment_received' ORDER BY seq`, [paymentId],
      );
      expect(signals).toEqual([
        { workflow_id: subscriptionWorkflowId(own.tenant.id, other.id), kind: 'credit_moved', payload: { eventId: `${creditNoteId}:${other.id}`, amount: 40_000, toSubscriptionId: own.subscription.id, paid: note.number } },
        { workflow_id: subscriptionWorkflowId(own.tenant.id, own.subscription.id), kind: 'balance_reopened', payload: { eventId: creditNoteId, invoiceId: invoice.id, balance: 0, reason: 'refund', fromCredit: 40_000 } },
      ]);
    });
  });

  describe('flush', () => {
    it.each([
      ['with money received (its allocation references the payment)', true],
      ['without money (a pending payment alone)', false],
    ])('throws PaymentConflictError and writes nothing when another transaction inserted the gateway transaction, %s', async (_case, receive) => {
      const invoice = await newInvoice();
      const transactionId = `SBX-${randomUUID()}`;
      await db.dataSource.getRepository(Payment).insert({ tenantId: f.tenant.id, gateway: 'sandbox', gatewayTransactionId: transactionId, method: 'va', amount: 1 });

      const booking = inBatch(async (batch, m) => {
        const locked = (await batch.lockInvoice(m, invoice.id)) as LedgerInvoice;
        const payment = batch.createPayment({ ...receipt(locked, 166_500), gateway: 'sandbox', gatewayTransactionId: transactionId, status: receive ? 'succeeded' : 'pending' });
        if (receive) batch.receive(payment, locked, 'gateway');
      });

      await expect(booking).rejects.toBeInstanceOf(PaymentConflictError);
      expect(await db.dataSource.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ amountPaid: 0, version: invoice.version });
      expect(await signalsOf(invoice.id)).toEqual([]);
    });
  });
});
