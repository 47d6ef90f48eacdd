import { verify } from '@node-rs/argon2';
import { Customer } from '../entities/customer.entity';
import { DunningPolicy } from '../entities/dunning-policy.entity';
import { InternetPackage } from '../entities/package.entity';
import { Subscription } from '../entities/subscription.entity';
import { Tenant } from '../entities/tenant.entity';
import { User } from '../entities/user.entity';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { seedDatabase } from './seed';

/** Every row of the seeded tables with its xmin: any insert, update or delete changes this snapshot. */
async function snapshot(db: TestDatabase): Promise<Record<string, string[]>> {
  const tables = ['tenants', 'users', 'roles', 'permissions', 'role_permissions', 'user_roles', 'packages', 'customers', 'subscriptions', 'dunning_policies'];
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const rows: Array<{ row: string }> = await db.dataSource.query(`SELECT xmin::text || ' ' || t::text AS row FROM ${table} t ORDER BY 1`);
    result[table] = rows.map((r) => r.row);
  }
  return result;
}

async function permissionsOf(db: TestDatabase, role: string): Promise<string[]> {
  const rows: Array<{ code: string }> = await db.dataSource.query(
    `SELECT p.code FROM permissions p JOIN role_permissions rp ON rp.permission_id = p.id JOIN roles r ON r.id = rp.role_id WHERE r.code = $1`,
    [role],
  );
  return rows.map((row) => row.code);
}

describe(seedDatabase.name, () => {
  describe('in development', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      await seedDatabase(db.dataSource, { env: { NODE_ENV: 'development' } });
    });
    afterAll(() => db.destroy());

    it('creates the superadmin, mitra, packages and customers of 004 "Seed Data"', async () => {
      const m = db.dataSource.manager;
      expect((await m.find(Tenant, { order: { businessName: 'ASC' } })).map((t) => [t.businessName, t.kind])).toEqual([
        ['FiberNode Pusat', 'platform'], ['Net Mekarjaya', 'mitra'], ['WiFi Sukamaju', 'mitra'],
      ]);
      expect((await m.find(InternetPackage, { order: { price: 'ASC' } })).map((p) => [p.name, p.price])).toEqual([
        ['Paket 10 Mbps', 100_000], ['Paket 20 Mbps', 150_000], ['Paket 30 Mbps', 200_000], ['Paket 50 Mbps', 250_000], ['Paket 100 Mbps', 350_000],
      ]);
      const dewi = await m.findOneOrFail(Subscription, { where: { pppoeUsername: 'dewi.lestari' }, relations: { customer: true, package: true } });
      expect(dewi).toMatchObject({ billingDay: 10, discountKind: 'fixed', discountValue: 10_000, status: 'active' });
      expect(dewi.customer).toMatchObject({ name: 'Dewi Lestari', phone: '6289876543210', whatsappConsent: true });
      expect(dewi.package?.name).toBe('Paket 20 Mbps');
      expect(await m.count(Customer)).toBe(3);
    });

    it('stores argon2 hashes of the documented development passwords', async () => {
      const admin = await db.dataSource.manager.findOneOrFail(User, { where: { username: 'superadmin' }, relations: { roles: true } });
      const mitra = await db.dataSource.manager.findOneOrFail(User, { where: { username: 'mitra1' }, relations: { roles: true } });

      expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(admin.passwordHash, 'Admin123!')).toBe(true);
      expect(await verify(mitra.passwordHash, 'Mitra123!')).toBe(true);
      expect(admin.roles?.map((r) => r.code)).toEqual(['superadmin']);
      expect(mitra.roles?.map((r) => r.code)).toEqual(['mitra']);
    });

    it('gives the mitra role none of what 004 forbids a mitra', async () => {
      const mitra = await permissionsOf(db, 'mitra');

      expect(mitra).toEqual(expect.arrayContaining(['customer.create', 'customer.update_contact', 'invoice.mark_paid', 'whatsapp.manage']));
      for (const forbidden of ['subscription.suspend', 'customer.import', 'customer.export', 'customer.update', 'package.manage', 'tenant.read', 'settings.manage']) {
        expect(mitra).not.toContain(forbidden);
      }
      expect(await permissionsOf(db, 'read_only')).toEqual(expect.not.arrayContaining(['invoice.mark_paid', 'audit_log.read']));
      expect(await permissionsOf(db, 'auditor')).toContain('audit_log.read');
    });

    it('activates the default dunning policy, version 1, for every tenant', async () => {
      const policies = await db.dataSource.manager.find(DunningPolicy);

      expect(policies).toHaveLength(3);
      expect(policies.every((p) => p.version === 1 && p.active)).toBe(true);
      expect(policies[0].body).toEqual(DEFAULT_DUNNING_POLICY);
    });

    it('changes nothing when run again', async () => {
      const before = await snapshot(db);

      await seedDatabase(db.dataSource, { env: { NODE_ENV: 'development' } });

      expect(await snapshot(db)).toEqual(before);
    });

    it('restores a seeded value that was changed, without touching the rest', async () => {
      await db.dataSource.manager.update(InternetPackage, { name: 'Paket 30 Mbps' }, { price: 1 });
      const customersBefore = (await snapshot(db)).customers;

      await seedDatabase(db.dataSource, { env: { NODE_ENV: 'development' } });

      expect((await db.dataSource.manager.findOneByOrFail(InternetPackage, { name: 'Paket 30 Mbps' })).price).toBe(200_000);
      expect((await snapshot(db)).customers).toEqual(customersBefore);
    });
  });

  describe('in production', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.destroy());

    it('refuses to create the superadmin without LUNAS_SEED_ADMIN_PASSWORD and writes nothing', async () => {
      await expect(seedDatabase(db.dataSource, { env: { NODE_ENV: 'production' } })).rejects.toThrow('LUNAS_SEED_ADMIN_PASSWORD is required');
      expect(await db.dataSource.manager.count(Tenant)).toBe(0);
    });

    it('seeds no sample mitra or customers', async () => {
      await seedDatabase(db.dataSource, { env: { NODE_ENV: 'production', LUNAS_SEED_ADMIN_PASSWORD: 'a-long-production-secret' } });

      expect((await db.dataSource.manager.find(Tenant)).map((t) => t.businessName)).toEqual(['FiberNode Pusat']);
      expect(await db.dataSource.manager.count(Customer)).toBe(0);
      const admin = await db.dataSource.manager.findOneByOrFail(User, { username: 'superadmin' });
      expect(await verify(admin.passwordHash, 'a-long-production-secret')).toBe(true);
    });
  });
});
