import { BillingRefusal, type BillingActivities } from '@lunas/contracts';
import { AuditLog, InternetPackage, Subscription } from '@lunas/persistence';
import type { TestDatabase } from '@lunas/persistence/testing';
import { billingDatabase, subscriber } from '../../../test/support/billing-database';
import { subscriptionActivities } from './subscriptions';

describe(subscriptionActivities.name, () => {
  let db: TestDatabase;
  let activities: BillingActivities;
  const actor = { userId: 'admin-1', name: 'Admin Billing' };

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
  });
  afterAll(() => db.destroy());

  describe('changePackage', () => {
    it('answers both prices and moves the subscription to the new package only for `now`', async () => {
      const f = await subscriber(db);
      const bigger = await db.dataSource.manager.save(InternetPackage, { tenantId: f.tenant.id, name: 'Paket Keluarga', speed: '50 Mbps', price: 250_000 });
      const change = { tenantId: f.tenant.id, subscriptionId: f.subscription.id, fromPackageId: f.pkg.id, toPackageId: bigger.id, actor, reason: 'Permintaan pelanggan' };
      const prices = { oldMonthlyAmount: 100_000, newMonthlyAmount: 250_000, oldName: 'Paket Rumah', newName: 'Paket Keluarga' };

      expect(await activities.changePackage({ ...change, mode: 'next_cycle', idempotencyKey: 'k1' })).toEqual(prices);
      expect((await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).packageId).toBe(f.pkg.id);
      expect(await activities.changePackage({ ...change, mode: 'now', idempotencyKey: 'k2' })).toEqual(prices);
      expect(await activities.changePackage({ ...change, mode: 'now', idempotencyKey: 'k2' })).toEqual(prices);
      expect((await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).packageId).toBe(bigger.id);
      expect(await db.dataSource.manager.countBy(AuditLog, { entityId: f.subscription.id, action: 'subscription.change_package' })).toBe(1);
    });

    it('refuses an unknown package', async () => {
      const f = await subscriber(db);
      await expect(
        activities.changePackage({
          tenantId: f.tenant.id, subscriptionId: f.subscription.id, fromPackageId: f.pkg.id, toPackageId: '00000000-0000-4000-8000-000000000000',
          mode: 'now', actor, reason: 'x', idempotencyKey: 'k',
        }),
      ).rejects.toMatchObject({ type: BillingRefusal.PackageNotFound, nonRetryable: true });
    });

    it('refuses another tenant\'s package and an inactive one, changing nothing', async () => {
      const f = await subscriber(db);
      const other = await subscriber(db);
      const retired = await db.dataSource.manager.save(InternetPackage, { tenantId: f.tenant.id, name: 'Paket Lama', speed: '5 Mbps', price: 5, isActive: false });
      const change = { tenantId: f.tenant.id, subscriptionId: f.subscription.id, fromPackageId: f.pkg.id, mode: 'now' as const, actor, reason: 'x', idempotencyKey: 'k' };
      for (const toPackageId of [other.pkg.id, retired.id]) {
        await expect(activities.changePackage({ ...change, toPackageId })).rejects.toMatchObject({ type: BillingRefusal.PackageNotFound, nonRetryable: true });
      }
      expect((await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).packageId).toBe(f.pkg.id);
    });
  });

  describe('cancelSubscription', () => {
    it('cancels at the workflow time and keeps the first cancellation time on a repeat', async () => {
      const f = await subscriber(db);
      const at = Date.parse('2026-03-04T23:59:00+07:00');
      await activities.cancelSubscription({ tenantId: f.tenant.id, subscriptionId: f.subscription.id, at, actor, reason: 'Pindah rumah' });
      await activities.cancelSubscription({ tenantId: f.tenant.id, subscriptionId: f.subscription.id, at: at + 60_000, actor, reason: 'Pindah rumah' });
      expect(await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).toMatchObject({ status: 'cancelled', cancelledAt: new Date(at) });
    });
  });

  describe('recordAudit', () => {
    it('records an operator action once per idempotency key, also under concurrent retries', async () => {
      const f = await subscriber(db);
      const entry = {
        tenantId: f.tenant.id, subscriptionId: f.subscription.id, action: 'subscription.suspend', actor, reason: 'Permintaan NOC', detail: {},
        idempotencyKey: `${f.subscription.id}:run:audit:subscription.suspend:1`,
      };
      await Promise.all([activities.recordAudit(entry), activities.recordAudit(entry), activities.recordAudit(entry)]);
      await activities.recordAudit({ ...entry, idempotencyKey: `${entry.idempotencyKey}0` });
      const rows = await db.dataSource.manager.findBy(AuditLog, { entityType: 'subscription', entityId: f.subscription.id });
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ action: 'subscription.suspend', tenantId: f.tenant.id, actorUserId: null, after: expect.objectContaining({ reason: 'Permintaan NOC', actor }) });
    });
  });
});
