import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { EntityManager } from 'typeorm';
import { DunningPolicy } from '../entities/dunning-policy.entity';
import { Tenant } from '../entities/tenant.entity';
import { seedUser } from './seed';

/** The demo mitra of `npm start` (see apps/api/src/demo): its name says it holds sample data. */
export const DEMO_MITRA = {
  businessName: 'Mitra Demo (data contoh)',
  username: 'demo',
  name: 'Admin Demo',
  /** Development only: the demo never runs in production. */
  password: 'demo12345',
  /** Tenant-scoped roles: manage subscriptions, record payments, isolate. */
  roles: ['admin_billing', 'kasir', 'noc'],
} as const;

/**
 * Creates the demo mitra, its admin and its active default dunning policy, once: returns the new tenant's id, or
 * null when the demo mitra already exists (the tenant is the marker that the demo was created).
 */
export async function createDemoMitra(m: EntityManager): Promise<string | null> {
  if (await m.existsBy(Tenant, { businessName: DEMO_MITRA.businessName })) return null;
  const tenant = await m.save(Tenant, m.create(Tenant, { businessName: DEMO_MITRA.businessName, kind: 'mitra' }));
  for (const role of DEMO_MITRA.roles) {
    await seedUser(m, { tenantId: tenant.id, username: DEMO_MITRA.username, name: DEMO_MITRA.name, role, password: () => DEMO_MITRA.password });
  }
  await m.save(DunningPolicy, m.create(DunningPolicy, { tenantId: tenant.id, version: 1, body: DEFAULT_DUNNING_POLICY, active: true }));
  return tenant.id;
}
