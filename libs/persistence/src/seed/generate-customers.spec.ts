import { Customer } from '../entities/customer.entity';
import { insertSubscription, insertTenant } from '../testing/fixtures';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { generateCustomers } from './generate-customers';

interface GeneratedView {
  code: string; name: string; phone: string; address: string; billing_day: number; package_id: string; status: string;
}

async function generatedRows(db: TestDatabase, tenantId: string): Promise<GeneratedView[]> {
  return db.dataSource.query(
    `SELECT c.code, c.name, c.phone, c.address, s.billing_day, s.package_id, s.status
     FROM customers c JOIN subscriptions s ON s.customer_id = c.id WHERE c.tenant_id = $1 ORDER BY c.code`,
    [tenantId],
  );
}

describe(generateCustomers.name, () => {
  let db: TestDatabase;
  let packageId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    packageId = (await insertSubscription(db.dataSource.manager)).pkg.id;
  });
  afterAll(() => db.destroy());

  it('inserts N customers, each with one valid subscription', async () => {
    const tenant = await insertTenant(db.dataSource.manager);

    const result = await generateCustomers(db.dataSource, { tenantId: tenant.id, count: 1_200, seed: 7, packageIds: [packageId], batchSize: 500 });

    expect(result).toEqual({ customers: 1_200, subscriptions: 1_200 });
    const rows = await generatedRows(db, tenant.id);
    expect(rows).toHaveLength(1_200);
    for (const row of rows) {
      expect(row.phone).toMatch(/^62\d{8,13}$/);
      expect(row.billing_day).toBeGreaterThanOrEqual(1);
      expect(row.billing_day).toBeLessThanOrEqual(28);
      expect(row.name.split(' ').length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(rows.map((r) => r.billing_day)).size).toBe(28);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['active', 'suspended', 'cancelled']));
  });

  it('produces the same customers for the same seed and different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => insertTenant(db.dataSource.manager)));
    await generateCustomers(db.dataSource, { tenantId: a.id, count: 200, seed: 42, packageIds: [packageId] });
    await generateCustomers(db.dataSource, { tenantId: b.id, count: 200, seed: 42, packageIds: [packageId] });
    await generateCustomers(db.dataSource, { tenantId: c.id, count: 200, seed: 43, packageIds: [packageId] });

    const [rowsA, rowsB, rowsC] = await Promise.all([a, b, c].map((t) => generatedRows(db, t.id)));
    expect(rowsB).toEqual(rowsA);
    expect(rowsC.map((r) => r.name)).not.toEqual(rowsA.map((r) => r.name));
  });

  it('inserts nothing when run again with the same seed', async () => {
    const tenant = await insertTenant(db.dataSource.manager);
    await generateCustomers(db.dataSource, { tenantId: tenant.id, count: 100, seed: 5, packageIds: [packageId] });

    const again = await generateCustomers(db.dataSource, { tenantId: tenant.id, count: 100, seed: 5, packageIds: [packageId] });

    expect(again).toEqual({ customers: 0, subscriptions: 0 });
    expect(await db.dataSource.manager.countBy(Customer, { tenantId: tenant.id })).toBe(100);
  });

  it('stores generated NIKs encrypted and readable through the entity', async () => {
    const tenant = await insertTenant(db.dataSource.manager);
    await generateCustomers(db.dataSource, { tenantId: tenant.id, count: 50, seed: 9, packageIds: [packageId] });

    const customers = await db.dataSource.manager.findBy(Customer, { tenantId: tenant.id });
    const withNik = customers.filter((c) => c.nik !== null);
    expect(withNik.length).toBeGreaterThan(20);
    expect(withNik.every((c) => /^\d{16}$/.test(c.nik ?? ''))).toBe(true);
  });

  it('draws from the platform packages and the tenant\'s own (not other mitra\'s) when none are given', async () => {
    const platform = await insertSubscription(db.dataSource.manager, await insertTenant(db.dataSource.manager, { kind: 'platform' }));
    const { tenant, pkg } = await insertSubscription(db.dataSource.manager);

    await generateCustomers(db.dataSource, { tenantId: tenant.id, count: 60, seed: 1 });

    const used = new Set((await generatedRows(db, tenant.id)).map((r) => r.package_id));
    expect(used).toContain(pkg.id);
    expect(used).toContain(platform.pkg.id);
    expect(used).not.toContain(packageId);
  });
});
