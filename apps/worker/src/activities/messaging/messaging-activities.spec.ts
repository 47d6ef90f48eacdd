import { Customer, NotificationLog } from '@lunas/persistence';
import type { TestDatabase } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { billingDatabase, subscriber } from '../../../test/support/billing-database';
import { LocalNotificationAdapter } from '../adapters/local-notification.adapter';
import { createMessagingActivities } from './messaging-activities';

describe(createMessagingActivities.name, () => {
  let db: TestDatabase;
  beforeAll(async () => ({ db } = await billingDatabase()));
  afterAll(() => db.destroy());

  describe('sendQueuedMessage', () => {
    it('sends a maintenance broadcast, but not to a customer who replied STOP', async () => {
      const activities = createMessagingActivities(db.dataSource, new LocalNotificationAdapter(db.dataSource));
      const [willing, stopped] = [await subscriber(db), await subscriber(db)];
      await db.dataSource.manager.update(Customer, { id: stopped.customer.id }, { broadcastOptOutAt: new Date() });
      const broadcast = (f: typeof willing) => ({ tenantId: f.tenant.id, customerId: f.customer.id, kind: 'maintenance' as const, vars: { jadwalPemeliharaan: 'Selasa 10 Maret 01:00–03:00 WIB' }, idempotencyKey: `bulk-7:${f.customer.id}` });
      expect(await activities.sendQueuedMessage(broadcast(willing))).toEqual({ status: 'simulated' });
      expect(await activities.sendQueuedMessage(broadcast(stopped))).toEqual({ status: 'skipped' });
      const [sent] = await db.dataSource.manager.findBy(NotificationLog, { customerId: willing.customer.id });
      expect(sent).toMatchObject({ template: 'maintenance', category: 'broadcast', subscriptionId: null });
      expect(sent.body).toContain('Selasa 10 Maret 01:00–03:00 WIB');
      expect(await db.dataSource.manager.findOneByOrFail(NotificationLog, { customerId: stopped.customer.id })).toMatchObject({ status: 'skipped', error: 'Pelanggan berhenti menerima siaran (membalas STOP)' });
    });

    it('refuses a customer of another tenant without retrying', async () => {
      const activities = createMessagingActivities(db.dataSource, new LocalNotificationAdapter(db.dataSource));
      const f = await subscriber(db);
      await expect(activities.sendQueuedMessage({ tenantId: randomUUID(), customerId: f.customer.id, kind: 'maintenance', vars: {}, idempotencyKey: 'x' })).rejects.toMatchObject({ type: 'CUSTOMER_NOT_FOUND', nonRetryable: true });
    });
  });
});
