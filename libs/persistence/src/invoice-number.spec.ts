import { randomUUID } from 'node:crypto';
import { formatInvoiceNumber } from '@lunas/domain';
import type { EntityManager } from 'typeorm';
import { insertNumberedInvoice, type UnnumberedInvoice } from './invoice-number';
import { insertTenantSettingsVersion, tenantSettingsAt } from './tenant-settings';
import { insertSubscription, insertTenant, type SubscriptionFixture } from './testing/fixtures';
import { createTestDatabase, TestDatabase } from './testing/test-database';

/** An unpaid Rp 166.500 invoice row of the fixture's subscription for `period`, issued at `issuedAt`. */
function unnumbered(f: SubscriptionFixture, period: string, issuedAt: Date): UnnumberedInvoice {
  return {
    id: randomUUID(), tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id,
    period, periodStart: `${period}-05`, periodEnd: `${period}-28`, issuedAt, dueAt: new Date(issuedAt.getTime() + 86_400_000),
    subtotal: 150_000, discountAmount: 0, discountSnapshot: null, dpp: 150_000, ppnRate: 0.11, pricesIncludePpn: false, ppnAmount: 16_500, total: 166_500,
    amountPaid: 0, status: 'unpaid', paidAt: null, receiptToken: randomUUID().replace(/-/g, ''),
  };
}

const PACKAGE_LINE = [{ kind: 'package' as const, description: 'Paket Rumah 20 Mbps', amount: 150_000 }];

describe(insertNumberedInvoice.name, () => {
  let db: TestDatabase;
  let m: EntityManager;
  beforeAll(async () => {
    db = await createTestDatabase();
    m = db.dataSource.manager;
  });
  afterAll(() => db.destroy());

  it('counts per tenant and per Jakarta month, starting at 000001', async () => {
    const a = await insertSubscription(m);
    const a2 = await insertSubscription(m, a.tenant);
    const b = await insertSubscription(m);
    const nov = new Date('2026-11-10T03:00:00Z');

    expect(await insertNumberedInvoice(m, unnumbered(a, '2026-12', nov), PACKAGE_LINE, null)).toBe('INV/2026/11/000001');
    expect(await insertNumberedInvoice(m, unnumbered(a2, '2026-12', nov), PACKAGE_LINE, null)).toBe('INV/2026/11/000002');
    expect(await insertNumberedInvoice(m, unnumbered(b, '2026-12', nov), PACKAGE_LINE, null)).toBe('INV/2026/11/000001');
    expect(await insertNumberedInvoice(m, unnumbered(a, '2027-01', new Date('2026-12-01T00:00:00Z')), PACKAGE_LINE, null)).toBe('INV/2026/12/000001');
  });

  it("prefixes the number with the tenant's settings in effect at the issue instant: a change applies only afterwards", async () => {
    const f = await insertSubscription(m);
    const current = await tenantSettingsAt(m, f.tenant.id);
    if (!current) throw new Error('the tenant has settings');
    const settings = { ...current, invoiceNumberPrefix: 'NSB' };
    await insertTenantSettingsVersion(m, { tenantId: f.tenant.id, version: 2, settings, effectiveFrom: new Date('2026-11-15T00:00:00Z'), createdBy: null });

    expect(await insertNumberedInvoice(m, unnumbered(f, '2026-12', new Date('2026-11-14T23:59:59Z')), PACKAGE_LINE, null)).toBe('INV/2026/11/000001');
    expect(await insertNumberedInvoice(m, unnumbered(f, '2027-01', new Date('2026-11-15T00:00:00Z')), PACKAGE_LINE, null)).toBe('NSB/2026/11/000002');
  });

  it('uses the Jakarta calendar: 30 Nov 17:00 UTC is already 1 December', async () => {
    const f = await insertSubscription(m);

    expect(await insertNumberedInvoice(m, unnumbered(f, '2026-12', new Date('2026-11-30T16:59:59Z')), PACKAGE_LINE, null)).toBe('INV/2026/11/000001');
    expect(await insertNumberedInvoice(m, unnumbered(f, '2027-01', new Date('2026-11-30T17:00:00Z')), PACKAGE_LINE, null)).toBe('INV/2026/12/000001');
    expect(await insertNumberedInvoice(m, unnumbered(f, '2027-02', new Date('2026-12-31T17:00:00Z')), PACKAGE_LINE, null)).toBe('INV/2027/01/000001');
  });

  it('numbers exactly as the domain formats them, widening past 999.999', async () => {
    const f = await insertSubscription(m);
    await m.query(`INSERT INTO invoice_number_sequences (tenant_id, period, last_value) VALUES ($1, '2026-11', 999998)`, [f.tenant.id]);
    const at = new Date('2026-11-10T03:00:00Z');

    const numbers = [
      await insertNumberedInvoice(m, unnumbered(f, '2026-12', at), PACKAGE_LINE, null),
      await insertNumberedInvoice(m, unnumbered(f, '2027-01', at), PACKAGE_LINE, null),
    ];

    expect(numbers).toEqual([
      formatInvoiceNumber({ year: 2026, month: 11, sequence: 999_999 }),
      formatInvoiceNumber({ year: 2026, month: 11, sequence: 1_000_000 }),
    ]);
    expect(numbers[1]).toBe('INV/2026/11/1000000');
  });

  it('writes the items in order and the credit the invoice spends', async () => {
    const f = await insertSubscription(m);
    const invoice = { ...unnumbered(f, '2026-12', new Date('2026-11-10T03:00:00Z')), amountPaid: 30_000, status: 'partial' as const };
    const lines = [...PACKAGE_LINE, { kind: 'proration' as const, description: 'Prorata 7 hari', amount: 35_000 }];

    const number = await insertNumberedInvoice(m, invoice, lines, { draws: [{ subscriptionId: f.subscription.id, amount: 30_000 }], reason: 'Saldo dipakai untuk tagihan periode 2026-12' });

    const [row] = await m.query(`SELECT number, amount_paid::int AS paid, status FROM invoices WHERE id = $1`, [invoice.id]);
    expect(row).toEqual({ number, paid: 30_000, status: 'partial' });
    expect(await m.query(`SELECT kind, amount::int, position FROM invoice_items WHERE invoice_id = $1 ORDER BY position`, [invoice.id])).toEqual([
      { kind: 'package', amount: 150_000, position: 0 },
      { kind: 'proration', amount: 35_000, position: 1 },
    ]);
    expect(await m.query(`SELECT kind, amount::int, subscription_id FROM adjustments WHERE invoice_id = $1`, [invoice.id])).toEqual([{ kind: 'applied', amount: -30_000, subscription_id: f.subscription.id }]);
    expect(await m.query(`SELECT 1 FROM credit_allocations WHERE invoice_id = $1`, [invoice.id])).toEqual([]);
  });

  it('writes no credit row when the invoice spends none', async () => {
    const f = await insertSubscription(m);
    const invoice = unnumbered(f, '2026-12', new Date('2026-11-10T03:00:00Z'));

    await insertNumberedInvoice(m, invoice, PACKAGE_LINE, null);

    expect(await m.query(`SELECT 1 FROM adjustments WHERE invoice_id = $1`, [invoice.id])).toEqual([]);
  });

  it('never repeats a number under concurrency and leaves no gap when an insert fails', async () => {
    const tenant = await insertTenant(m);
    const subscriptions = await Promise.all(Array.from({ length: 9 }, () => insertSubscription(m, tenant)));
    const at = new Date('2026-11-15T00:00:00Z');
    // Three of the twelve attempts repeat a (subscription, period) another attempt also inserts: one of each pair fails.
    const attempts = Array.from({ length: 12 }, (_, i) => subscriptions[i % 9]);

    const outcomes = await Promise.all(
      attempts.map((f) => insertNumberedInvoice(m, unnumbered(f, '2026-12', at), PACKAGE_LINE, null).catch(() => null)),
    );

    const committed = outcomes.filter((n): n is string => n !== null).sort();
    expect(committed).toEqual(Array.from({ length: 9 }, (_, i) => `INV/2026/11/${String(i + 1).padStart(6, '0')}`));
    const [{ last }] = await m.query(`SELECT last_value::int AS last FROM invoice_number_sequences WHERE tenant_id = $1`, [tenant.id]);
    expect(last).toBe(9);
  });
});
