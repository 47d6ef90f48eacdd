import { hash } from '@node-rs/argon2';
import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { Customer } from '../entities/customer.entity';
import { DunningPolicy } from '../entities/dunning-policy.entity';
import { InternetPackage } from '../entities/package.entity';
import { Permission } from '../entities/permission.entity';
import { Role } from '../entities/role.entity';
import { Subscription } from '../entities/subscription.entity';
import { Tenant, TenantKind } from '../entities/tenant.entity';
import { User } from '../entities/user.entity';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { seedLabNetwork } from './lab-network';
import { PERMISSIONS, ROLES } from './rbac';
import {
  DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, PLATFORM_TENANT, SEED_CONSENT_AT, SEED_CUSTOMERS, SEED_MITRAS,
  SEED_PACKAGES, SEED_REGISTER_DATE, SUPERADMIN,
} from './seed-data';

type Env = Record<string, string | undefined>;

export interface SeedOptions {
  /** Default `process.env`: reads NODE_ENV, LUNAS_SEED_ADMIN_PASSWORD, LUNAS_SEED_MITRA_PASSWORD. */
  env?: Env;
  /** Seed the sample mitra and customers of 004 ("development only"). Default: NODE_ENV !== 'production'. */
  sampleData?: boolean;
}

export interface SeedResult {
  /** Tenant id by business name. */
  tenants: Record<string, string>;
  platformTenantId: string;
  /** Package id by name. */
  packages: Record<string, string>;
}

/**
 * Idempotent seed: roles and permissions, the platform tenant and its superadmin, the global packages,
 * the default dunning policy of every seeded tenant and, outside production, the sample mitra and
 * customers of 004. Rows are upserted by natural key and only rewritten when a value differs, so a
 * second run writes nothing. Existing users are never touched (their passwords may have changed).
 */
export async function seedDatabase(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedResult> {
  const env = options.env ?? process.env;
  const production = env['NODE_ENV'] === 'production';
  const sampleData = options.sampleData ?? !production;
  return dataSource.transaction(async (m) => {
    await seedRbac(m);
    const tenantRows: Array<{ businessName: string; kind: TenantKind }> = [
      { businessName: PLATFORM_TENANT.businessName, kind: 'platform' },
      ...(sampleData ? SEED_MITRAS.map((mitra) => ({ businessName: mitra.businessName, kind: 'mitra' as const })) : []),
    ];
    await upsert(m, Tenant, tenantRows, ['business_name'], ['kind']);
    const tenants = await idsBy(m, Tenant, 'businessName', tenantRows.map((t) => t.businessName));
    const platformTenantId = tenants[PLATFORM_TENANT.businessName];

    await seedUser(m, {
      tenantId: platformTenantId, username: SUPERADMIN.username, name: SUPERADMIN.name, role: 'superadmin',
      password: () => seedPassword(env, 'LUNAS_SEED_ADMIN_PASSWORD', DEV_ADMIN_PASSWORD),
    });
    await upsert(m, InternetPackage, SEED_PACKAGES.map((p) => ({ ...p, tenantId: platformTenantId })), ['tenant_id', 'name'], ['speed', 'price']);
    const packages = await idsBy(m, InternetPackage, 'name', SEED_PACKAGES.map((p) => p.name), { tenantId: platformTenantId });

    if (sampleData) {
      for (const mitra of SEED_MITRAS) {
        await seedUser(m, {
          tenantId: tenants[mitra.businessName], username: mitra.username, name: mitra.name, role: 'mitra',
          password: () => seedPassword(env, 'LUNAS_SEED_MITRA_PASSWORD', DEV_MITRA_PASSWORD),
        });
      }
      await seedCustomers(m, tenants, packages);
      await seedLabNetwork(m, SEED_MITRAS.map((mitra) => tenants[mitra.businessName]));
    }
    await m
      .createQueryBuilder()
      .insert()
      .into(DunningPolicy)
      .values(Object.values(tenants).map((tenantId) => ({ tenantId, version: 1, body: DEFAULT_DUNNING_POLICY, active: true })))
      .orIgnore()
      .execute();
    return { tenants, platformTenantId, packages };
  });
}

/** The seed password from `variable`, or the documented development default outside production. */
export function seedPassword(env: Env, variable: string, developmentDefault: string): string {
  const value = env[variable];
  if (value) return value;
  if (env['NODE_ENV'] === 'production') {
    throw new Error(`${variable} is required to create the seed user in production`);
  }
  return developmentDefault;
}

async function seedRbac(m: EntityManager): Promise<void> {
  await upsert(m, Permission, Object.entries(PERMISSIONS).map(([code, description]) => ({ code, description })), ['code'], ['description']);
  await upsert(
    m, Role,
    ROLES.map(({ code, name, description, allTenants }) => ({ code, name, description, allTenants })),
    ['code'], ['name', 'description', 'all_tenants'],
  );
  const roleIds = await idsBy(m, Role, 'code', ROLES.map((r) => r.code));
  const permissionIds = await idsBy(m, Permission, 'code', Object.keys(PERMISSIONS));
  const links = ROLES.flatMap((role) => role.permissions.map((code) => ({ role_id: roleIds[role.code], permission_id: permissionIds[code] })));
  await m.createQueryBuilder().insert().into('role_permissions').values(links).orIgnore().execute();
}

export interface SeedUser {
  tenantId: string;
  username: string;
  name: string;
  role: string;
  password: () => string;
}

/** Creates the user once (its password is never rewritten) and grants it the role. */
export async function seedUser(m: EntityManager, user: SeedUser): Promise<void> {
  let existing = await m.findOneBy(User, { username: user.username });
  if (!existing) {
    const passwordHash = await hash(user.password());
    existing = await m.save(User, m.create(User, { tenantId: user.tenantId, username: user.username, name: user.name, passwordHash }));
  }
  const role = await m.findOneByOrFail(Role, { code: user.role });
  await m.createQueryBuilder().insert().into('user_roles').values({ user_id: existing.id, role_id: role.id }).orIgnore().execute();
}

async function seedCustomers(m: EntityManager, tenants: Record<string, string>, packages: Record<string, string>): Promise<void> {
  await upsert(
    m, Customer,
    SEED_CUSTOMERS.map((c) => ({
      tenantId: tenants[c.ownerBusinessName], code: c.code, name: c.name, phone: c.phone,
      whatsappConsent: true, consentUpdatedAt: SEED_CONSENT_AT, registerDate: SEED_REGISTER_DATE,
    })),
    ['tenant_id', 'code'], ['name', 'phone'],
  );
  for (const c of SEED_CUSTOMERS) {
    const tenantId = tenants[c.ownerBusinessName];
    const customer = await m.findOneByOrFail(Customer, { tenantId, code: c.code });
    await upsert(
      m, Subscription,
      [{
        tenantId, customerId: customer.id, packageId: packages[c.packageName], billingDay: c.billingDay,
        discountKind: c.discount.kind, discountValue: c.discount.value, pppoeUsername: c.pppoeUsername, startedOn: SEED_REGISTER_DATE,
      }],
      ['tenant_id', 'pppoe_username'], ['customer_id', 'package_id', 'billing_day', 'discount_kind', 'discount_value'],
    );
  }
}

/** INSERT … ON CONFLICT (conflict) DO UPDATE SET update … WHERE a value differs (column names in snake_case). */
async function upsert<T extends ObjectLiteral>(
  m: EntityManager, entity: EntityTarget<T>, rows: Array<Partial<T>>, conflict: string[], update: string[],
): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(rows as never)
    .orUpdate(update, conflict, { skipUpdateIfNoValuesChanged: true })
    .updateEntity(false)
    .execute();
}

async function idsBy<T extends ObjectLiteral & { id: string }>(
  m: EntityManager, entity: EntityTarget<T>, key: keyof T & string, values: string[], scope: Partial<T> = {},
): Promise<Record<string, string>> {
  const rows = await m.getRepository(entity).find({ where: { ...scope, [key]: In(values) } as never });
  return Object.fromEntries(rows.map((row) => [row[key] as string, row.id]));
}
