import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Customer } from '../entities/customer.entity';
import { Invoice } from '../entities/invoice.entity';
import { InternetPackage } from '../entities/package.entity';
import { Subscription } from '../entities/subscription.entity';
import { Tenant } from '../entities/tenant.entity';

/** Minimal valid rows for medium tests; every call makes new, unique rows. */
export async function insertTenant(m: EntityManager, overrides: Partial<Tenant> = {}): Promise<Tenant> {
  return m.save(Tenant, m.create(Tenant, { businessName: `Tenant ${randomUUID()}`, kind: 'mitra', ...overrides }));
}

export interface SubscriptionFixture {
  tenant: Tenant;
  pkg: InternetPackage;
  customer: Customer;
  subscription: Subscription;
}

/** A tenant (new unless given) with a package, a customer and an active subscription on billing day 5. */
export async function insertSubscription(m: EntityManager, tenant?: Tenant): Promise<SubscriptionFixture> {
  const owner = tenant ?? (await insertTenant(m));
  const suffix = randomUUID().slice(0, 8);
  const pkg = await m.save(InternetPackage, m.create(InternetPackage, { tenantId: owner.id, name: `Paket ${suffix}`, speed: '20 Mbps', price: 150_000 }));
  const customer = await m.save(Customer, m.create(Customer, {
    tenantId: owner.id, code: `C-${suffix}`, name: 'Ahmad Fauzi', phone: '6281234567890', registerDate: '2026-01-01',
  }));
  const subscription = await m.save(Subscription, m.create(Subscription, {
    tenantId: owner.id, customerId: customer.id, packageId: pkg.id, billingDay: 5, startedOn: '2026-01-01', pppoeUsername: `pppoe-${suffix}`,
  }));
  return { tenant: owner, pkg, customer, subscription };
}

/** An unpaid invoice of Rp 166.500 (150.000 + 11 % PPN) for `period` of the subscription. */
export async function insertInvoice(m: EntityManager, f: SubscriptionFixture, period = '2026-02', overrides: Partial<Invoice> = {}): Promise<Invoice> {
  return m.save(Invoice, m.create(Invoice, {
    tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id,
    number: `INV/TEST/${randomUUID().slice(0, 8)}`, period, periodStart: `${period}-05`, periodEnd: `${period}-28`,
    issuedAt: new Date('2026-01-04T06:00:00+07:00'), dueAt: new Date('2026-01-05T00:00:00+07:00'),
    subtotal: 150_000, dpp: 150_000, ppnRate: 0.11, ppnAmount: 16_500, total: 166_500,
    ...overrides,
  }));
}
