import { QueryFailedError } from 'typeorm';
import { Payment } from './entities/payment.entity';
import { PaymentEvent } from './entities/payment-event.entity';
import { Setting } from './entities/setting.entity';
import { Subscription } from './entities/subscription.entity';
import { Tenant } from './entities/tenant.entity';
import { insertInvoice, insertSubscription } from './testing/fixtures';
import { createTestDatabase, TestDatabase } from './testing/test-database';

/** The PostgreSQL constraint a failed statement violated. */
async function violatedConstraint(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof QueryFailedError)) throw new Error(`expected a constraint violation, got ${String(error)}`);
  return (error.driverError as { constraint?: string }).constraint ?? '';
}

describe('schema constraints', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  describe('invoices', () => {
    it('refuses a second invoice for the same subscription and period', async () => {
      const f = await insertSubscription(db.dataSource.manager);
      await insertInvoice(db.dataSource.manager, f, '2026-02');

      expect(await violatedConstraint(insertInvoice(db.dataSource.manager, f, '2026-02'))).toBe('uq_invoices_subscription_period');
      await expect(insertInvoice(db.dataSource.manager, f, '2026-03')).resolves.toMatchObject({ period: '2026-03' });
    });

    it('keeps the PPN rate between 0 and 100 % on tenants and invoices', async () => {
      const m = db.dataSource.manager;
      const f = await insertSubscription(m);
      expect(await violatedConstraint(m.update(Tenant, { id: f.tenant.id }, { ppnRateBasisPoints: 10_001 }))).toBe('ck_tenants_ppn_rate');
      expect(await violatedConstraint(m.update(Tenant, { id: f.tenant.id }, { ppnRateBasisPoints: -1 }))).toBe('ck_tenants_ppn_rate');
      expect(await violatedConstraint(insertInvoice(m, f, '2026-04', { ppnRate: 1.0001 }))).toBe('ck_invoices_ppn_rate');
      await expect(insertInvoice(m, f, '2026-05', { ppnRate: 1, pricesIncludePpn: true })).resolves.toMatchObject({ ppnRate: 1 });
    });

    it('refuses a repeated invoice number within a tenant but not across tenants', async () => {
      const a = await insertSubscription(db.dataSource.manager);
      const b = await insertSubscription(db.dataSource.manager);
      await insertInvoice(db.dataSource.manager, a, '2026-02', { number: 'INV/2026/01/000001' });

      expect(await violatedConstraint(insertInvoice(db.dataSource.manager, a, '2026-03', { number: 'INV/2026/01/000001' })))
        .toBe('uq_invoices_tenant_number');
      await expect(insertInvoice(db.dataSource.manager, b, '2026-02', { number: 'INV/2026/01/000001' })).resolves.toBeDefined();
    });

    it('gives every invoice its own unguessable receipt token', async () => {
      const f = await insertSubscription(db.dataSource.manager);
      const first = await insertInvoice(db.dataSource.manager, f, '2026-04');
      const second = await insertInvoice(db.dataSource.manager, f, '2026-05');

      expect(first.receiptToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second.receiptToken).not.toBe(first.receiptToken);
    });

    it('refuses a payment recorded beyond the invoice total', async () => {
      const f = await insertSubscription(db.dataSource.manager);
      expect(await violatedConstraint(insertInvoice(db.dataSource.manager, f, '2026-06', { amountPaid: 166_501 }))).toBe('ck_invoices_amount_paid');
    });
  });

  describe('payments', () => {
    it('refuses a second payment with the same gateway transaction id', async () => {
      const f = await insertSubscription(db.dataSource.manager);
      const payment = { tenantId: f.tenant.id, customerId: f.customer.id, gateway: 'midtrans', gatewayTransactionId: 'trx-001', method: 'qris', amount: 166_500 };
      await db.dataSource.manager.insert(Payment, { ...payment });

      expect(await violatedConstraint(db.dataSource.manager.insert(Payment, { ...payment }))).toBe('uq_payments_gateway_transaction');
      await expect(db.dataSource.manager.insert(Payment, { ...payment, gateway: 'xendit' })).resolves.toBeDefined();
    });

    it('refuses a duplicate webhook event of one gateway account, but keeps the same event id of another account apart', async () => {
      const event = { gateway: 'midtrans', eventId: 'evt-123', rawBody: '{"order_id":"INV-1"}', headers: { 'x-signature': 'abc' } };
      await db.dataSource.manager.insert(PaymentEvent, { ...event });

      expect(await violatedConstraint(db.dataSource.manager.insert(PaymentEvent, { ...event }))).toBe('uq_payment_events_account_event');
      const stored = await db.dataSource.manager.findOneByOrFail(PaymentEvent, { gateway: 'midtrans', eventId: 'evt-123' });
      expect(stored).toMatchObject({ status: 'pending', attempts: 0, rawBody: '{"order_id":"INV-1"}' });

      await db.dataSource.manager.insert(PaymentEvent, { ...event, accountId: 'mitra-a' });
      await expect(db.dataSource.manager.insert(PaymentEvent, { ...event, accountId: 'mitra-b' })).resolves.toBeDefined();
      expect(await violatedConstraint(db.dataSource.manager.insert(PaymentEvent, { ...event, accountId: 'mitra-b' }))).toBe('uq_payment_events_account_event');
    });
  });

  describe('customers and subscriptions', () => {
    it('refuses a phone number not in the 62… format (written past the entity, which normalises it)', async () => {
      const f = await insertSubscription(db.dataSource.manager);
      const insert = db.dataSource.query(`INSERT INTO customers (tenant_id, code, name, phone, register_date) VALUES ($1, 'X-1', 'Budi', '081234567890', '2026-01-01')`, [f.tenant.id]);

      expect(await violatedConstraint(insert)).toBe('ck_customers_phone');
    });

    it('refuses a billing day outside 1–28', async () => {
      const f = await insertSubscription(db.dataSource.manager);
      const subscription = { tenantId: f.tenant.id, customerId: f.customer.id, packageId: f.pkg.id, startedOn: '2026-01-01' };

      expect(await violatedConstraint(db.dataSource.manager.insert(Subscription, { ...subscription, billingDay: 29 }))).toBe('ck_subscriptions_billing_day');
      await expect(db.dataSource.manager.insert(Subscription, { ...subscription, billingDay: 28 })).resolves.toBeDefined();
    });
  });

  describe('settings', () => {
    it('keeps one global value per key (a null tenant counts as equal)', async () => {
      await db.dataSource.manager.insert(Setting, { tenantId: null, key: 'ppn_rate', value: 0.11 });

      expect(await violatedConstraint(db.dataSource.manager.insert(Setting, { tenantId: null, key: 'ppn_rate', value: 0.12 }))).toBe('uq_settings_tenant_key');
    });
  });
});
