import { BillingRefusal, type BillingActivities } from '@lunas/contracts';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { Adjustment, DunningPolicy, Invoice, InvoiceItem, Subscription, Tenant } from '@lunas/persistence';
import type { TestDatabase } from '@lunas/persistence/testing';
import { billingDatabase, issueInput, PUBLIC_BASE_URL, subscriber } from '../../../test/support/billing-database';
import { invoiceActivities } from './invoices';

const refused = (code: string) => expect.objectContaining({ type: code, nonRetryable: true });

describe(invoiceActivities.name, () => {
  let db: TestDatabase;
  let activities: BillingActivities;

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
  });
  afterAll(() => db.destroy());

  const invoiceRow = (id: string) => db.dataSource.manager.findOneByOrFail(Invoice, { id });
  const items = (invoiceId: string) => db.dataSource.manager.find(InvoiceItem, { where: { invoiceId }, order: { position: 'ASC' } });

  describe('issueInvoice', () => {
    it('issues Rp 100.000 + PPN 11 % = Rp 111.000, due on the billing day a month before the period, with a pay link', async () => {
      const f = await subscriber(db);
      const issued = await activities.issueInvoice(issueInput(f));
      const row = await invoiceRow(issued.invoiceId);

      expect(issued).toMatchObject({ period: '2026-03', dueDate: '2026-02-05', total: 111_000, balance: 111_000, creditApplied: 0, created: true });
      expect(issued.number).toMatch(/^INV\/2026\/02\/\d{6}$/);
      expect(issued.payLink).toBe(`${PUBLIC_BASE_URL}/bayar/${row.receiptToken}`);
      expect(row).toMatchObject({
        subtotal: 100_000, discountAmount: 0, dpp: 100_000, ppnRate: 0.11, ppnAmount: 11_000, total: 111_000,
        amountPaid: 0, status: 'unpaid', periodStart: '2026-03-05', periodEnd: '2026-04-04', discountSnapshot: null,
      });
      expect(row.dueAt.toISOString()).toBe('2026-02-04T17:00:00.000Z');
      expect(await items(issued.invoiceId)).toEqual([expect.objectContaining({ kind: 'package', description: 'Paket Rumah 20 Mbps (Maret 2026)', amount: 100_000 })]);
    });

    it('numbers invoices per tenant and Jakarta month: 000001, 000002, then 000001 again in March', async () => {
      const first = await subscriber(db);
      const second = await subscriber(db, {}, first.tenant);
      const a = await activities.issueInvoice(issueInput(first));
      const b = await activities.issueInvoice(issueInput(second));
      const c = await activities.issueInvoice(issueInput(first, { period: '2026-04', issuedAt: Date.parse('2026-03-04T06:00:00+07:00') }));
      expect([a.number, b.number, c.number]).toEqual(['INV/2026/02/000001', 'INV/2026/02/000002', 'INV/2026/03/000001']);
    });

    it('takes a fixed discount of Rp 10.000 before PPN: DPP 90.000 + PPN 9.900 = Rp 99.900, and freezes it on the invoice', async () => {
      const f = await subscriber(db, { discount: { discountKind: 'fixed', discountValue: 10_000 } });
      const issued = await activities.issueInvoice(issueInput(f));
      expect(issued.total).toBe(99_900);
      expect(await invoiceRow(issued.invoiceId)).toMatchObject({
        subtotal: 100_000, discountAmount: 10_000, dpp: 90_000, ppnAmount: 9_900, total: 99_900,
        discountSnapshot: { kind: 'fixed', value: 10_000, amount: 10_000 },
      });
    });

    it('takes a 15 % discount of Rp 150.000: DPP 127.500 + PPN 14.025 = Rp 141.525', async () => {
      const f = await subscriber(db, { price: 150_000, discount: { discountKind: 'percent', discountValue: 15 } });
      const issued = await activities.issueInvoice(issueInput(f));
      expect(issued.total).toBe(141_525);
      expect(await invoiceRow(issued.invoiceId)).toMatchObject({
        discountAmount: 22_500, dpp: 127_500, ppnAmount: 14_025, discountSnapshot: { kind: 'percent', value: 15, amount: 22_500 },
      });
    });

    it('rounds PPN down: Rp 15.766 → PPN 1.734 (not 1.734,26), total Rp 17.500', async () => {
      const f = await subscriber(db, { price: 15_766 });
      expect((await activities.issueInvoice(issueInput(f))).total).toBe(17_500);
    });

    it('adds the proration line the workflow carries: 100.000 + 25.806 = DPP 125.806, total Rp 139.644', async () => {
      const f = await subscriber(db);
      const issued = await activities.issueInvoice(
        issueInput(f, { extraLines: [{ kind: 'proration', description: 'Prorata ganti paket', amount: 25_806 }] }),
      );
      expect(issued.total).toBe(139_644);
      expect((await items(issued.invoiceId)).map((item) => [item.kind, item.amount])).toEqual([['package', 100_000], ['proration', 25_806]]);
    });

    it('returns the existing invoice on a repeat, writing nothing and using no invoice number', async () => {
      const f = await subscriber(db);
      const first = await activities.issueInvoice(issueInput(f));
      const again = await activities.issueInvoice(issueInput(f, { issuedAt: Date.parse('2026-02-04T06:05:00+07:00') }));
      expect(again).toEqual({ ...first, created: false });
      expect(await db.dataSource.manager.countBy(Invoice, { subscriptionId: f.subscription.id })).toBe(1);
      const next = await activities.issueInvoice(issueInput(await subscriber(db, {}, f.tenant)));
      expect(next.number).toBe('INV/2026/02/000002');
    });

    it('issues exactly one invoice when five attempts run at once', async () => {
      const f = await subscriber(db);
      const results = await Promise.all(Array.from({ length: 5 }, () => activities.issueInvoice(issueInput(f))));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.invoiceId)).size).toBe(1);
      expect(await db.dataSource.manager.countBy(Invoice, { subscriptionId: f.subscription.id })).toBe(1);
    });

    it('spends the customer credit: Rp 30.000 credit on Rp 111.000 leaves Rp 81.000 to pay and no credit', async () => {
      const f = await subscriber(db);
      await db.dataSource.manager.insert(Adjustment, { tenantId: f.tenant.id, customerId: f.customer.id, kind: 'overpayment', amount: 30_000 });
      const issued = await activities.issueInvoice(issueInput(f));
      expect(issued).toMatchObject({ total: 111_000, creditApplied: 30_000, balance: 81_000, creditRemaining: 0 });
      expect(await invoiceRow(issued.invoiceId)).toMatchObject({ amountPaid: 30_000, status: 'partial' });
      expect(await activities.issueInvoice(issueInput(f))).toMatchObject({ creditApplied: 30_000, balance: 81_000, created: false });
    });

    it('settles an invoice from credit alone: Rp 150.000 credit of the subscription pays Rp 111.000 and Rp 39.000 remains its credit', async () => {
      const f = await subscriber(db);
      await db.dataSource.manager.insert(Adjustment, { tenantId: f.tenant.id, customerId: f.customer.id, subscriptionId: f.subscription.id, kind: 'overpayment', amount: 150_000 });
      const issued = await activities.issueInvoice(issueInput(f));
      expect(issued).toMatchObject({ creditApplied: 111_000, balance: 0, creditRemaining: 39_000 });
      expect((await invoiceRow(issued.invoiceId)).status).toBe('paid');
    });

    it('refuses an unknown subscription, another tenant\'s subscription and an unknown package', async () => {
      const f = await subscriber(db);
      const other = await subscriber(db);
      await expect(activities.issueInvoice(issueInput(f, { subscriptionId: '00000000-0000-4000-8000-000000000000' }))).rejects.toEqual(
        refused(BillingRefusal.SubscriptionNotFound),
      );
      await expect(activities.issueInvoice(issueInput(f, { tenantId: other.tenant.id }))).rejects.toEqual(refused(BillingRefusal.SubscriptionNotFound));
      await expect(activities.issueInvoice(issueInput(f, { packageId: other.pkg.id }))).rejects.toEqual(refused(BillingRefusal.PackageNotFound));
      expect(await db.dataSource.manager.countBy(Invoice, { subscriptionId: f.subscription.id })).toBe(0);
    });

    it('prices a global package of the platform tenant (Rp 200.000 → Rp 222.000) and refuses a malformed package id', async () => {
      const f = await subscriber(db);
      const m = db.dataSource.manager;
      const [platform]: Array<{ id: string }> = await m.query(`INSERT INTO tenants (business_name, kind) VALUES ('Lunas', 'platform') RETURNING id`);
      const [global]: Array<{ id: string }> = await m.query(
        `INSERT INTO packages (tenant_id, name, speed, price) VALUES ($1, 'Paket Global', '50 Mbps', 200000) RETURNING id`,
        [platform.id],
      );
      await expect(activities.issueInvoice(issueInput(f, { packageId: 'paket-rumah' }))).rejects.toEqual(refused(BillingRefusal.PackageNotFound));
      const issued = await activities.issueInvoice(issueInput(f, { packageId: global.id }));
      expect(issued).toMatchObject({ total: 222_000, balance: 222_000, created: true });
    });
  });

  describe('issueInvoice with the mitra\'s PPN setting', () => {
    // A Rp 100.000 package under each setting; inclusive prices keep Rp 100.000 as the total and carve PPN out.
    it.each([
      [0, false, { dpp: 100_000, ppnAmount: 0, total: 100_000 }],
      [1_100, false, { dpp: 100_000, ppnAmount: 11_000, total: 111_000 }],
      [1_200, false, { dpp: 100_000, ppnAmount: 12_000, total: 112_000 }],
      [0, true, { dpp: 100_000, ppnAmount: 0, total: 100_000 }],
      [1_100, true, { dpp: 90_091, ppnAmount: 9_909, total: 100_000 }], // 90.090,09 → DPP up
      [1_200, true, { dpp: 89_286, ppnAmount: 10_714, total: 100_000 }], // 89.285,71 → DPP up
    ])('at %i bp (prices include PPN: %p) issues %o and snapshots the setting on the invoice', async (rate, inclusive, amounts) => {
      const f = await subscriber(db);
      await db.dataSource.manager.update(Tenant, { id: f.tenant.id }, { ppnRateBasisPoints: rate, pricesIncludePpn: inclusive });
      const issued = await activities.issueInvoice(issueInput(f));
      expect(issued).toMatchObject({ total: amounts.total, balance: amounts.total });
      expect(await invoiceRow(issued.invoiceId)).toMatchObject({ subtotal: 100_000, ...amounts, ppnRate: rate / 10_000, pricesIncludePpn: inclusive });
    });

    it('keeps an issued invoice as it was when the mitra\'s setting changes later', async () => {
      const f = await subscriber(db);
      const issued = await activities.issueInvoice(issueInput(f));
      await db.dataSource.manager.update(Tenant, { id: f.tenant.id }, { ppnRateBasisPoints: 1_200, pricesIncludePpn: true });
      expect(await activities.issueInvoice(issueInput(f))).toMatchObject({ total: 111_000, created: false });
      expect(await invoiceRow(issued.invoiceId)).toMatchObject({ ppnRate: 0.11, pricesIncludePpn: false, ppnAmount: 11_000, total: 111_000 });
      const next = await activities.issueInvoice(issueInput(f, { period: '2026-04', issuedAt: Date.parse('2026-03-04T06:00:00+07:00') }));
      expect(await invoiceRow(next.invoiceId)).toMatchObject({ ppnRate: 0.12, pricesIncludePpn: true, dpp: 89_286, ppnAmount: 10_714, total: 100_000 });
    });
  });

  describe('issueInvoice and the tenant\'s active dunning policy', () => {
    it('returns the active version (numbered by its row), on a repeat too, and nothing when the tenant has none', async () => {
      const f = await subscriber(db);
      expect(await activities.issueInvoice(issueInput(f))).not.toHaveProperty('activePolicy');
      const m = db.dataSource.manager;
      await m.insert(DunningPolicy, { tenantId: f.tenant.id, version: 1, body: DEFAULT_DUNNING_POLICY, active: false });
      await m.insert(DunningPolicy, { tenantId: f.tenant.id, version: 2, body: { ...DEFAULT_DUNNING_POLICY, version: 1 }, active: true });
      const other = await subscriber(db);
      await m.insert(DunningPolicy, { tenantId: other.tenant.id, version: 7, body: DEFAULT_DUNNING_POLICY, active: true });

      const again = await activities.issueInvoice(issueInput(f));
      expect(again.created).toBe(false);
      expect(again.activePolicy).toEqual({ ...DEFAULT_DUNNING_POLICY, version: 2 });
      const next = await activities.issueInvoice(issueInput(f, { period: '2026-04', issuedAt: Date.parse('2026-03-04T06:00:00+07:00') }));
      expect(next).toMatchObject({ created: true, activePolicy: { version: 2 } });
    });
  });

  describe('addLateFee', () => {
    it('adds Rp 10.000 once as a late_fee item: total Rp 121.000, version moved on', async () => {
      const f = await subscriber(db);
      const { invoiceId } = await activities.issueInvoice(issueInput(f));
      const before = await invoiceRow(invoiceId);
      const fee = { tenantId: f.tenant.id, invoiceId, amount: 10_000, description: 'Denda keterlambatan' };

      const results = await Promise.all([activities.addLateFee(fee), activities.addLateFee(fee), activities.addLateFee(fee)]);
      expect(results).toEqual(Array(3).fill({ invoiceId, balance: 121_000, lateFee: 10_000, status: 'unpaid', credit: 0 }));
      expect(await activities.addLateFee({ ...fee, amount: 20_000 })).toMatchObject({ balance: 121_000, lateFee: 10_000 });
      const after = await invoiceRow(invoiceId);
      expect(after.total).toBe(121_000);
      expect(after.version).toBe(before.version + 1);
      expect((await items(invoiceId)).filter((item) => item.kind === 'late_fee')).toHaveLength(1);
    });

    it('refuses a fee of Rp 0 and an unknown invoice', async () => {
      const f = await subscriber(db);
      const { invoiceId } = await activities.issueInvoice(issueInput(f));
      await expect(activities.addLateFee({ tenantId: f.tenant.id, invoiceId, amount: 0, description: 'x' })).rejects.toEqual(refused(BillingRefusal.InvalidAmount));
      await expect(activities.addLateFee({ tenantId: f.tenant.id, invoiceId: '00000000-0000-4000-8000-000000000000', amount: 1, description: 'x' })).rejects.toEqual(
        refused(BillingRefusal.InvoiceNotFound),
      );
    });
  });

  describe('waiveLateFee', () => {
    it('takes the fee off (total back to Rp 111.000) and the fee is never charged again on that invoice', async () => {
      const f = await subscriber(db);
      const { invoiceId } = await activities.issueInvoice(issueInput(f));
      const fee = { tenantId: f.tenant.id, invoiceId, amount: 10_000, description: 'Denda keterlambatan' };
      await activities.addLateFee(fee);
      const actor = { userId: 'admin-1', name: 'Admin' };
      expect(await activities.waiveLateFee({ tenantId: f.tenant.id, invoiceId, actor, reason: 'Gangguan jaringan' })).toEqual({
        invoiceId, balance: 111_000, lateFee: 0, status: 'unpaid', credit: 0,
      });
      expect(await activities.waiveLateFee({ tenantId: f.tenant.id, invoiceId, actor, reason: 'lagi' })).toMatchObject({ balance: 111_000 });
      expect(await activities.addLateFee(fee)).toMatchObject({ balance: 111_000, lateFee: 0 });
    });

    it('turns what was paid beyond the new total into credit: paid Rp 115.000 of Rp 121.000 → paid, Rp 4.000 credit', async () => {
      const f = await subscriber(db);
      const { invoiceId } = await activities.issueInvoice(issueInput(f));
      await activities.addLateFee({ tenantId: f.tenant.id, invoiceId, amount: 10_000, description: 'Denda' });
      await activities.applyPayment({
        tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id,
        payment: { paymentId: 'kasir-115', invoiceId, amount: 115_000, paidAt: Date.parse('2026-02-13T10:00:00+07:00'), source: 'kasir' },
      });
      expect(await activities.waiveLateFee({ tenantId: f.tenant.id, invoiceId, actor: { userId: 'a', name: 'A' }, reason: 'Kebijakan' })).toMatchObject({
        balance: 0, status: 'paid',
      });
      expect(await invoiceRow(invoiceId)).toMatchObject({ total: 111_000, amountPaid: 111_000 });
      const [credit] = await db.dataSource.query(`SELECT sum(amount)::int AS credit FROM adjustments WHERE customer_id = $1`, [f.customer.id]);
      expect(credit.credit).toBe(4_000);
    });
  });

  describe('credit of other subscriptions', () => {
    it('spends its own credit first, then another subscription\'s of the same customer as an allocation, and says so', async () => {
      const giver = await subscriber(db);
      const taker = await subscriber(db, {}, giver.tenant);
      await db.dataSource.manager.update(Subscription, { id: taker.subscription.id }, { customerId: giver.customer.id });
      const m = db.dataSource.manager;
      await m.insert(Adjustment, { tenantId: giver.tenant.id, customerId: giver.customer.id, subscriptionId: giver.subscription.id, kind: 'overpayment', amount: 100_000 });
      await m.insert(Adjustment, { tenantId: giver.tenant.id, customerId: giver.customer.id, subscriptionId: taker.subscription.id, kind: 'overpayment', amount: 30_000 });

      const input = issueInput({ ...taker, customer: giver.customer });
      const issued = await activities.issueInvoice(input);

      expect(issued).toMatchObject({ creditApplied: 111_000, balance: 0, creditRemaining: 0, creditAllocations: [{ fromSubscriptionId: giver.subscription.id, amount: 81_000 }] });
      expect(await m.query(`SELECT from_subscription_id, to_subscription_id, amount::int FROM credit_allocations WHERE invoice_id = $1`, [issued.invoiceId])).toEqual([
        { from_subscription_id: giver.subscription.id, to_subscription_id: taker.subscription.id, amount: 81_000 },
      ]);
      expect(await activities.creditOf({ tenantId: giver.tenant.id, subscriptionId: giver.subscription.id })).toBe(19_000);
      expect(await activities.issueInvoice(input)).toMatchObject({ created: false, creditAllocations: [{ fromSubscriptionId: giver.subscription.id, amount: 81_000 }] });
    });
  });

  describe('voidInvoice', () => {
    it('voids the invoice (balance 0) and gives what was paid back as credit, once', async () => {
      const f = await subscriber(db);
      await db.dataSource.manager.insert(Adjustment, { tenantId: f.tenant.id, customerId: f.customer.id, kind: 'overpayment', amount: 20_000 });
      const { invoiceId } = await activities.issueInvoice(issueInput(f));
      const request = { tenantId: f.tenant.id, invoiceId, actor: { userId: 'a', name: 'A' }, reason: 'Salah paket' };
      expect(await activities.voidInvoice(request)).toEqual({ invoiceId, balance: 0, lateFee: 0, status: 'void', credit: 20_000 });
      expect(await activities.voidInvoice(request)).toEqual({ invoiceId, balance: 0, lateFee: 0, status: 'void', credit: 20_000 });
      expect((await invoiceRow(invoiceId)).voidedAt).toBeInstanceOf(Date);
      const [credit] = await db.dataSource.query(`SELECT sum(amount)::int AS credit FROM adjustments WHERE customer_id = $1`, [f.customer.id]);
      expect(credit.credit).toBe(20_000);
    });

    it('refuses an invoice of another subscription of the tenant and leaves it open', async () => {
      const f = await subscriber(db);
      const neighbour = await subscriber(db, {}, f.tenant);
      const { invoiceId } = await activities.issueInvoice(issueInput(neighbour));
      const request = { tenantId: f.tenant.id, subscriptionId: f.subscription.id, invoiceId, actor: { userId: 'a', name: 'A' }, reason: 'Salah langganan' };
      await expect(activities.voidInvoice(request)).rejects.toEqual(refused(BillingRefusal.InvoiceNotFound));
      expect(await invoiceRow(invoiceId)).toMatchObject({ status: 'unpaid', voidedAt: null });
    });
  });
});
