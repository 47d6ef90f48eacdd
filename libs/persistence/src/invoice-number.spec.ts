import { allocateInvoiceNumber } from './invoice-number';
import { insertTenant } from './testing/fixtures';
import { createTestDatabase, TestDatabase } from './testing/test-database';

describe(allocateInvoiceNumber.name, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  it('counts per tenant and per Jakarta month, starting at 000001', async () => {
    const a = await insertTenant(db.dataSource.manager);
    const b = await insertTenant(db.dataSource.manager);
    const nov = new Date('2026-11-10T03:00:00Z');

    expect(await allocateInvoiceNumber(db.dataSource.manager, a.id, nov)).toBe('INV/2026/11/000001');
    expect(await allocateInvoiceNumber(db.dataSource.manager, a.id, nov)).toBe('INV/2026/11/000002');
    expect(await allocateInvoiceNumber(db.dataSource.manager, b.id, nov)).toBe('INV/2026/11/000001');
    expect(await allocateInvoiceNumber(db.dataSource.manager, a.id, new Date('2026-12-01T00:00:00Z'))).toBe('INV/2026/12/000001');
  });

  it('uses the Jakarta calendar: 30 Nov 17:00 UTC is already 1 December', async () => {
    const tenant = await insertTenant(db.dataSource.manager);

    expect(await allocateInvoiceNumber(db.dataSource.manager, tenant.id, new Date('2026-11-30T16:59:59Z'))).toBe('INV/2026/11/000001');
    expect(await allocateInvoiceNumber(db.dataSource.manager, tenant.id, new Date('2026-11-30T17:00:00Z'))).toBe('INV/2026/12/000001');
    expect(await allocateInvoiceNumber(db.dataSource.manager, tenant.id, new Date('2026-12-31T17:00:00Z'))).toBe('INV/2027/01/000001');
  });

  it('never repeats a number under concurrency and leaves no gap when an invoice transaction rolls back', async () => {
    const tenant = await insertTenant(db.dataSource.manager);
    const at = new Date('2026-11-15T00:00:00Z');

    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.dataSource
          .transaction(async (m) => {
            const number = await allocateInvoiceNumber(m, tenant.id, at);
            if (i % 4 === 0) throw new Error('invoice insert failed');
            return number;
          })
          .catch(() => null),
      ),
    );

    const committed = outcomes.filter((n): n is string => n !== null).sort();
    expect(committed).toHaveLength(9);
    expect(committed).toEqual(Array.from({ length: 9 }, (_, i) => `INV/2026/11/${String(i + 1).padStart(6, '0')}`));
  });
});
