import type { BillingActivities, IssueInvoiceInput } from '@lunas/contracts';
import { createTestDatabase, insertSubscription, type SubscriptionFixture, type TestDatabase } from '@lunas/persistence/testing';
import { Customer, InternetPackage, Subscription } from '@lunas/persistence';
import { LocalNetworkEnforcementAdapter } from '../../src/activities/adapters/network/local-network-enforcement.adapter';
import { LocalNotificationAdapter } from '../../src/activities/adapters/local-notification.adapter';
import { LocalPaymentLinkAdapter } from '../../src/activities/adapters/local-payment-link.adapter';
import { createBillingActivities } from '../../src/activities/billing-activities';

export const PUBLIC_BASE_URL = 'https://lunas.test';

/** A fresh migrated database and the real activities with the local adapters on it. */
export async function billingDatabase(): Promise<{ db: TestDatabase; activities: BillingActivities }> {
  const db = await createTestDatabase();
  const activities = createBillingActivities({
    dataSource: db.dataSource,
    notifications: new LocalNotificationAdapter(db.dataSource),
    network: new LocalNetworkEnforcementAdapter(db.dataSource),
    payLinks: new LocalPaymentLinkAdapter(PUBLIC_BASE_URL),
  });
  return { db, activities };
}

export interface CustomerSetup {
  price?: number;
  discount?: Pick<Subscription, 'discountKind' | 'discountValue'>;
  consent?: Partial<Pick<Customer, 'whatsappConsent' | 'emailConsent' | 'email'>>;
}

/**
 * A tenant (new unless given), a Rp 100.000 package ("Paket Rumah 20 Mbps"), a customer who agreed to WhatsApp messages and an
 * active subscription on billing day 5 (fixtures of @lunas/persistence, adjusted).
 */
export async function subscriber(db: TestDatabase, setup: CustomerSetup = {}, tenant?: SubscriptionFixture['tenant']): Promise<SubscriptionFixture> {
  const m = db.dataSource.manager;
  const f = await insertSubscription(m, tenant);
  // Package names are unique per tenant: a second subscriber of a tenant keeps the fixture's name.
  await m.update(InternetPackage, { id: f.pkg.id }, { ...(tenant ? {} : { name: 'Paket Rumah' }), price: setup.price ?? 100_000 });
  await m.update(Customer, { id: f.customer.id }, { whatsappConsent: true, ...setup.consent });
  if (setup.discount) await m.update(Subscription, { id: f.subscription.id }, setup.discount);
  return {
    ...f,
    pkg: await m.findOneByOrFail(InternetPackage, { id: f.pkg.id }),
    subscription: await m.findOneByOrFail(Subscription, { id: f.subscription.id }),
  };
}

/** `issueInvoice` input for period 2026-03 of the subscription, issued H-1 06:00 WIB (4 February 2026). */
export function issueInput(f: SubscriptionFixture, overrides: Partial<IssueInvoiceInput> = {}): IssueInvoiceInput {
  return {
    tenantId: f.tenant.id,
    subscriptionId: f.subscription.id,
    customerId: f.customer.id,
    packageId: f.pkg.id,
    billingDay: 5,
    period: '2026-03',
    issuedAt: Date.parse('2026-02-04T06:00:00+07:00'),
    extraLines: [],
    ...overrides,
  };
}
