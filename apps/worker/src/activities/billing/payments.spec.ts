import { BillingRefusal, type ApplyPaymentInput, type BillingActivities, type PaymentReceived } from '@lunas/contracts';
import { Adjustment, AuditLog, Invoice, Payment, PaymentAllocation } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { billingDatabase, issueInput, subscriber } from '../../../test/support/billing-database';
import { paymentActivities, PAYMENT_APPLIED_ACTION } from './payments';

const PAID_AT = Date.parse('2026-02-06T10:00:00+07:00');

describe(paymentActivities.name, () => {
  let db: TestDatabase;
  let activities: BillingActivities;

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
  });
  afterAll(() => db.destroy());

  async function openInvoice(tenant?: SubscriptionFixture['tenant']): Promise<{ f: SubscriptionFixture; invoiceId: string }> {
    const f = await subscriber(db, {}, tenant);
    const { invoiceId } = await activities.issueInvoice(issueInput(f));
    return { f, invoiceId };
  }

  const input = (f: SubscriptionFixture, payment: Partial<PaymentReceived> & Pick<PaymentReceived, 'invoiceId'>): ApplyPaymentInput => ({
    tenantId: f.tenant.id,
    subscriptionId: f.subscription.id,
    customerId: f.customer.id,
    payment: { paymentId: randomUUID(), amount: 111_000, paidAt: PAID_AT, source: 'gateway', ...payment },
  });
  const allocations = (invoiceId: string) => db.dataSource.manager.findBy(PaymentAllocation, { invoiceId });

  describe('applyPayment', () => {
    it('pays Rp 111.000 in full: one allocation, invoice paid at the payment time; a repeat changes nothing', async () => {
      const { f, invoiceId } = await openInvoice();
      const payment = input(f, { invoiceId });
      expect(await activities.applyPayment(payment)).toEqual({
        applied: true, invoiceId, allocated: 111_000, overpayment: 0, invoiceBalance: 0, invoiceStatus: 'paid', credit: 0,
      });
      expect(await activities.applyPayment(payment)).toMatchObject({ applied: false, allocated: 111_000, invoiceBalance: 0, invoiceStatus: 'paid' });
      expect(await allocations(invoiceId)).toHaveLength(1);
      const invoice = await db.dataSource.manager.findOneByOrFail(Invoice, { id: invoiceId });
      expect(invoice).toMatchObject({ amountPaid: 111_000, status: 'paid', paidAt: new Date(PAID_AT) });
      expect(await db.dataSource.manager.findOneByOrFail(Payment, { id: payment.payment.paymentId })).toMatchObject({
        gateway: 'signal', amount: 111_000, status: 'succeeded', invoiceId,
      });
    });

    it('applies five concurrent deliveries of one payment once', async () => {
      const { f, invoiceId } = await openInvoice();
      const payment = input(f, { invoiceId, amount: 50_000 });
      const results = await Promise.all(Array.from({ length: 5 }, () => activities.applyPayment(payment)));
      expect(results.filter((result) => result.applied)).toHaveLength(1);
      expect(results.every((result) => result.invoiceBalance === 61_000 && result.invoiceStatus === 'partial')).toBe(true);
      expect(await allocations(invoiceId)).toEqual([expect.objectContaining({ amount: 50_000 })]);
    });

    it('keeps dunning on the balance after a partial payment: Rp 50.000 then Rp 61.000', async () => {
      const { f, invoiceId } = await openInvoice();
      expect(await activities.applyPayment(input(f, { invoiceId, amount: 50_000 }))).toMatchObject({ invoiceBalance: 61_000, invoiceStatus: 'partial' });
      expect(await activities.applyPayment(input(f, { invoiceId, amount: 61_000 }))).toMatchObject({ invoiceBalance: 0, invoiceStatus: 'paid' });
    });

    it('books an overpayment of Rp 39.000 as credit, which the next invoice uses', async () => {
      const { f, invoiceId } = await openInvoice();
      expect(await activities.applyPayment(input(f, { invoiceId, amount: 150_000 }))).toMatchObject({
        allocated: 111_000, overpayment: 39_000, invoiceBalance: 0, credit: 39_000,
      });
      const next = await activities.issueInvoice(issueInput(f, { period: '2026-04', issuedAt: Date.parse('2026-03-04T06:00:00+07:00') }));
      expect(next).toMatchObject({ total: 111_000, creditApplied: 39_000, balance: 72_000, creditRemaining: 0 });
    });

    it('does not allocate again a payment the API recorded and allocated, and acknowledges it once', async () => {
      const { f, invoiceId } = await openInvoice();
      // What PaymentLedgerService.receive writes in the webhook transaction: payment, allocation, invoice paid.
      const m = db.dataSource.manager;
      const { identifiers } = await m.insert(Payment, {
        tenantId: f.tenant.id, invoiceId, customerId: f.customer.id, gateway: 'sandbox', gatewayTransactionId: randomUUID(),
        method: 'va', amount: 111_000, status: 'succeeded', paidAt: new Date(PAID_AT),
      });
      const paymentId = identifiers[0]['id'] as string;
      await m.insert(PaymentAllocation, { paymentId, invoiceId, amount: 111_000 });
      await m.update(Invoice, { id: invoiceId }, { amountPaid: 111_000, status: 'paid', paidAt: new Date(PAID_AT) });

      const payment = input(f, { invoiceId, paymentId });
      expect(await activities.applyPayment(payment)).toEqual({
        applied: true, invoiceId, allocated: 111_000, overpayment: 0, invoiceBalance: 0, invoiceStatus: 'paid', credit: 0,
      });
      expect(await activities.applyPayment(payment)).toMatchObject({ applied: false });
      expect(await allocations(invoiceId)).toHaveLength(1);
      expect((await m.findOneByOrFail(Invoice, { id: invoiceId })).amountPaid).toBe(111_000);
      expect(await m.countBy(AuditLog, { action: PAYMENT_APPLIED_ACTION, entityId: paymentId })).toBe(1);
      expect(await m.countBy(Adjustment, { customerId: f.customer.id })).toBe(0);
    });

    it('refuses a payment of another subscription\'s invoice, of another tenant, a known payment with another amount, and Rp 0', async () => {
      const { f, invoiceId } = await openInvoice();
      const neighbour = await openInvoice(f.tenant);
      const other = await openInvoice();
      await expect(activities.applyPayment(input(f, { invoiceId: neighbour.invoiceId }))).rejects.toMatchObject({ type: BillingRefusal.PaymentInvoiceMismatch, nonRetryable: true });
      await expect(activities.applyPayment({ ...input(f, { invoiceId }), tenantId: other.f.tenant.id })).rejects.toMatchObject({ type: BillingRefusal.InvoiceNotFound });
      const payment = input(f, { invoiceId, amount: 10_000 });
      await activities.applyPayment(payment);
      await expect(activities.applyPayment({ ...payment, payment: { ...payment.payment, amount: 20_000 } })).rejects.toMatchObject({
        type: BillingRefusal.PaymentInvoiceMismatch,
      });
      await expect(activities.applyPayment(input(f, { invoiceId, amount: 0 }))).rejects.toMatchObject({ type: BillingRefusal.InvalidAmount });
      expect((await db.dataSource.manager.findOneByOrFail(Invoice, { id: invoiceId })).amountPaid).toBe(10_000);
    });

    it('accepts a non-UUID payment id (recorded as gateway "signal") exactly once', async () => {
      const { f, invoiceId } = await openInvoice();
      const payment = input(f, { invoiceId, paymentId: 'kasir-0001', source: 'kasir' });
      expect(await activities.applyPayment(payment)).toMatchObject({ applied: true, allocated: 111_000 });
      expect(await activities.applyPayment(payment)).toMatchObject({ applied: false });
      expect(await db.dataSource.manager.countBy(Payment, { gatewayTransactionId: 'kasir-0001' })).toBe(1);
    });
  });
});
