import { Invoice } from './entities/invoice.entity';
import { updateWithVersion } from './optimistic-lock';
import { insertInvoice, insertSubscription, insertTenant } from './testing/fixtures';
import { createTestDatabase, TestDatabase } from './testing/test-database';

describe(updateWithVersion.name, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  it('writes the change and bumps the version when the version matches', async () => {
    const invoice = await insertInvoice(db.dataSource.manager, await insertSubscription(db.dataSource.manager));
    expect(invoice.version).toBe(1);

    const result = await updateWithVersion(db.dataSource.manager, Invoice, { id: invoice.id, version: 1 }, { status: 'paid', amountPaid: 166_500 });

    expect(result).toBe('updated');
    expect(await db.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500, version: 2 });
  });

  it('answers stale and changes nothing when another user updated first', async () => {
    const invoice = await insertInvoice(db.dataSource.manager, await insertSubscription(db.dataSource.manager));
    await updateWithVersion(db.dataSource.manager, Invoice, { id: invoice.id, version: 1 }, { status: 'paid', amountPaid: 166_500 });
    const before = await db.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id });

    const result = await updateWithVersion(db.dataSource.manager, Invoice, { id: invoice.id, version: 1 }, { status: 'unpaid', amountPaid: 0 });

    expect(result).toBe('stale');
    expect(await db.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id })).toEqual(before);
  });

  it('answers not_found for a row of another tenant and leaves it alone', async () => {
    const invoice = await insertInvoice(db.dataSource.manager, await insertSubscription(db.dataSource.manager));
    const otherTenant = await insertTenant(db.dataSource.manager);

    const result = await updateWithVersion(db.dataSource.manager, Invoice, { id: invoice.id, version: 1, tenantId: otherTenant.id }, { status: 'void' });

    expect(result).toBe('not_found');
    expect(await db.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id })).toMatchObject({ status: 'unpaid', version: 1 });
  });

  it('lets exactly one of two concurrent writers of the same version win', async () => {
    const invoice = await insertInvoice(db.dataSource.manager, await insertSubscription(db.dataSource.manager));

    const results = await Promise.all([
      db.dataSource.transaction((m) => updateWithVersion(m, Invoice, { id: invoice.id, version: 1 }, { status: 'paid', amountPaid: 166_500 })),
      db.dataSource.transaction((m) => updateWithVersion(m, Invoice, { id: invoice.id, version: 1 }, { status: 'partial', amountPaid: 50_000 })),
    ]);

    expect(results.sort()).toEqual(['stale', 'updated']);
    expect((await db.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id })).version).toBe(2);
  });
});
