import { BillingRefusal, type BillingActivities, type NotifyInput } from '@lunas/contracts';
import { Customer, MessageTemplate, NetworkActionLog, NotificationLog, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { billingDatabase, subscriber } from '../../../test/support/billing-database';
import { NO_CONSENT_REASON } from '@lunas/messaging';
import { effectActivities } from './effects';

describe(effectActivities.name, () => {
  let db: TestDatabase;
  let activities: BillingActivities;

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
  });
  afterAll(() => db.destroy());

  const notice = (f: SubscriptionFixture, overrides: Partial<NotifyInput> = {}): NotifyInput => ({
    tenantId: f.tenant.id,
    subscriptionId: f.subscription.id,
    customerId: f.customer.id,
    template: 'invoice_issued',
    vars: { nomorTagihan: 'INV/2026/02/000001', periode: '2026-03', jatuhTempo: '2026-02-05', totalTagihan: 111_000, sisaTagihan: 111_000, denda: 0, linkBayar: 'https://lunas.test/bayar/abc' },
    idempotencyKey: `${f.subscription.id}:2026-03:invoice_issued`,
    ...overrides,
  });
  const logOf = (subscriptionId: string) => db.dataSource.manager.findBy(NotificationLog, { subscriptionId });

  describe('notify', () => {
    it('records the invoice message for WhatsApp once as simulated by the local adapter, with the amount, the due date and the pay link in Indonesian', async () => {
      const f = await subscriber(db);
      const results = await Promise.all([activities.notify(notice(f)), activities.notify(notice(f)), activities.notify(notice(f))]);
      expect(results.map((result) => result.status).sort()).toEqual(['duplicate', 'duplicate', 'simulated']);
      expect(results.map((result) => result.adapter)).toEqual(['local-notification', 'local-notification', 'local-notification']);
      const [row] = await logOf(f.subscription.id);
      expect(row).toMatchObject({ channel: 'whatsapp', recipient: '6281234567890', template: 'invoice_issued', status: 'simulated', adapter: 'local-notification', sentAt: null });
      expect(row.body).toMatch(/^(Halo|Hai|Salam|Salam sejahtera|Halo Bapak\/Ibu) \*Ahmad Fauzi\*,$/m);
      expect(row.body).toContain('Periode: Maret 2026 (pra-bayar)');
      expect(row.body).toContain('Nominal: Rp 111.000');
      expect(row.body).toContain('Jatuh Tempo: 5 Februari 2026');
      expect(row.body).toContain('https://lunas.test/bayar/abc');
      expect(row.body).toContain(f.tenant.businessName);
      expect(await logOf(f.subscription.id)).toHaveLength(1);
    });

    it("writes the mitra's own text of the message kind, and the built-in one for the kinds it has not written", async () => {
      const f = await subscriber(db);
      await db.dataSource.manager.save(MessageTemplate, { tenantId: f.tenant.id, kind: 'invoice_issued', variants: ['Tagihan {nama} dari {nama_usaha}: {link_bayar}'], updatedBy: null });
      await activities.notify(notice(f));
      await activities.notify(notice(f, { template: 'payment_received', vars: { jumlahBayar: 111_000, sisaTagihan: 0, tanggalBayar: '2026-02-06' }, idempotencyKey: `${f.subscription.id}:2026-03:receipt` }));
      const rows = await logOf(f.subscription.id);
      expect(rows.find((row) => row.template === 'invoice_issued')?.body).toBe(`Tagihan Ahmad Fauzi dari ${f.tenant.businessName}: https://lunas.test/bayar/abc`);
      expect(rows.find((row) => row.template === 'payment_received')?.body).toContain('Total Bayar: *Rp 111.000*');
    });

    it('skips (and logs why) a customer without WhatsApp or email consent', async () => {
      const f = await subscriber(db, { consent: { whatsappConsent: false } });
      expect(await activities.notify(notice(f))).toEqual({ status: 'skipped' });
      expect(await activities.notify(notice(f))).toEqual({ status: 'duplicate' });
      expect(await logOf(f.subscription.id)).toEqual([expect.objectContaining({ status: 'skipped', error: NO_CONSENT_REASON, body: null })]);
    });

    it('falls back to email when only email consent was given', async () => {
      const f = await subscriber(db, { consent: { whatsappConsent: false, emailConsent: true, email: 'ahmad@example.id' } });
      expect(await activities.notify(notice(f, { template: 'payment_received', vars: { jumlahBayar: 111_000, sisaTagihan: 0, tanggalBayar: '2026-02-06' } }))).toEqual({
        status: 'simulated',
        adapter: 'local-notification',
      });
      const [row] = await logOf(f.subscription.id);
      expect(row).toMatchObject({ channel: 'email', recipient: 'ahmad@example.id' });
      expect(row.body).toContain('Total Bayar: *Rp 111.000*');
      expect(row.body).toContain('LUNAS');
    });

    it('refuses a customer of another tenant', async () => {
      const f = await subscriber(db);
      const other = await subscriber(db);
      await expect(activities.notify(notice(f, { tenantId: other.tenant.id }))).rejects.toMatchObject({ type: BillingRefusal.SubscriptionNotFound, nonRetryable: true });
    });

    it('keeps sending the bill to a customer who replied STOP', async () => {
      const f = await subscriber(db);
      await db.dataSource.manager.update(Customer, { id: f.customer.id }, { broadcastOptOutAt: new Date() });
      expect(await activities.notify(notice(f))).toEqual({ status: 'simulated', adapter: 'local-notification' });
      expect(await logOf(f.subscription.id)).toEqual([expect.objectContaining({ status: 'simulated', category: 'billing' })]);
    });
  });

  describe('enforceNetwork', () => {
    const action = (f: SubscriptionFixture, kind: 'suspend' | 'unsuspend', key: string) => ({
      tenantId: f.tenant.id, subscriptionId: f.subscription.id, action: kind, idempotencyKey: key, trigger: 'suspend', at: Date.parse('2026-02-26T09:00:00+07:00'),
    });
    const subscription = (id: string) => db.dataSource.manager.findOneByOrFail(Subscription, { id });

    it('suspends once (network action recorded as simulated by the local adapter, subscription suspended since the workflow time) and unsuspends once', async () => {
      const f = await subscriber(db);
      const suspend = action(f, 'suspend', `${f.subscription.id}:suspend:2026-03:suspend`);
      const results = await Promise.all([activities.enforceNetwork(suspend), activities.enforceNetwork(suspend)]);
      expect(results.map((result) => result.result).sort()).toEqual(['duplicate', 'simulated']);
      expect(await subscription(f.subscription.id)).toMatchObject({ status: 'suspended', suspendedAt: new Date(suspend.at) });

      expect(await activities.enforceNetwork(action(f, 'unsuspend', `${f.subscription.id}:unsuspend:settled`))).toEqual({ result: 'simulated', adapter: 'local-network' });
      expect(await subscription(f.subscription.id)).toMatchObject({ status: 'active', suspendedAt: null });
      const log = await db.dataSource.manager.find(NetworkActionLog, { where: { subscriptionId: f.subscription.id }, order: { createdAt: 'ASC' } });
      expect(log.map((row) => [row.action, row.result, row.adapter])).toEqual([['suspend', 'simulated', 'local-network'], ['unsuspend', 'simulated', 'local-network']]);
      expect(log[0].detail).toMatchObject({ trigger: 'suspend', pppoeUsername: f.subscription.pppoeUsername });
    });

    it('skips a cancelled subscription and leaves it cancelled', async () => {
      const f = await subscriber(db);
      await db.dataSource.manager.update(Subscription, { id: f.subscription.id }, { status: 'cancelled' });
      expect(await activities.enforceNetwork(action(f, 'suspend', `${f.subscription.id}:suspend:x`))).toEqual({ result: 'skipped' });
      expect((await subscription(f.subscription.id)).status).toBe('cancelled');
    });
  });
});
