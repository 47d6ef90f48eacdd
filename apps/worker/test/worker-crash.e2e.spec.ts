import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import {
  BILLING_TASK_QUEUE,
  cancelSubscriptionSignal,
  paymentReceivedSignal,
  subscriptionWorkflowId,
} from '@lunas/contracts';
import type { DevServer } from '@lunas/devserver';
import { AuditLog, Invoice, InvoiceItem, NetworkActionLog, NotificationLog, PaymentAllocation, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { createBillingActivities } from '../src/activities/billing-activities';
import { billingDatabase, subscriber } from './support/billing-database';
import { startServerWithBundle, wib } from './support/temporal';
import { VirtualCalendar } from './support/virtual-calendar';
import { WorkerProcess } from '@lunas/testing';

/**
 * Every activity type the scenario runs (issueInvoice as a local activity); the worker is killed at least once while
 * each one is in flight, as its own log lines tell.
 */
const KILL_DURING = ['issueInvoice', 'notify', 'addLateFee', 'enforceNetwork', 'applyPayment', 'recordAudit', 'cancelSubscription'];
const SUBSCRIPTIONS = 3;
/** Tables the activities write; each write there takes 20–50 ms, so that a kill can land while it runs. */
const WRITTEN_TABLES = ['invoices', 'invoice_items', 'notification_log', 'network_action_log', 'payments', 'audit_log', 'subscriptions'];
const actor = { userId: 'admin-1', name: 'Sari (Admin Billing)' };

// Worker crash test: the real worker app runs as a child process against an in-process time-skipping dev server and
// a test database whose writes take 20–50 ms each, and is killed with SIGKILL while each activity type is in flight
// (a random 0–40 ms after its "Activity started" line, so sometimes before and sometimes after its database commit),
// then restarted. Calendar per subscription (billing
// day 5, Rp 100.000 + PPN = Rp 111.000): issued Sun 4 Apr 2027 06:00, reminders T+3 and T+7 (+ Rp 10.000 fee),
// warning T+14, suspended T+21 (Mon 26 Apr 09:00); paid Rp 121.000 on 27 Apr (unsuspended), then cancelled.
describe(createBillingActivities.name, () => {
  let server: DevServer;
  let db: TestDatabase;
  let worker: WorkerProcess;
  let temporal: Awaited<ReturnType<typeof startServerWithBundle>>;
  let client: Client;
  let connection: Connection;

  beforeAll(async () => {
    temporal = await startServerWithBundle();
    server = temporal.server;
    ({ db } = await billingDatabase());
    await db.dataSource.query(`CREATE FUNCTION slow_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(0.02 + random() * 0.03); RETURN NEW; END $$`);
    for (const table of WRITTEN_TABLES) {
      await db.dataSource.query(`CREATE TRIGGER slow_write BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION slow_write()`);
    }
    worker = new WorkerProcess({ DATABASE_URL: db.url, TEMPORAL_ADDRESS: server.address, WORKFLOW_BUNDLE_PATH: temporal.bundlePath, LOG_LEVEL: 'debug' });
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await temporal?.close();
    await db?.destroy();
  });

  it('finishes every workflow with each effect recorded exactly once although the worker died during every activity type', async () => {
    let restarting: Promise<void> | undefined;
    const calendar = new VirtualCalendar(server, () => restarting === undefined);
    calendar.set(wib('2027-04-01 10:00'));
    const subscriptions: SubscriptionFixture[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) subscriptions.push(await subscriber(db));
    await worker.start();
    const handles = await Promise.all(
      subscriptions.map((f) =>
        client.workflow.start('subscriptionWorkflow', {
          taskQueue: BILLING_TASK_QUEUE,
          workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id),
          args: [{ subscription: { tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id, billingDay: 5 }, packageId: f.pkg.id, policy: DEFAULT_DUNNING_POLICY }],
        }),
      ),
    );

    const killedDuring = new Set<string>();
    const chaos = setInterval(() => {
      if (restarting || !worker.alive) return;
      const target = worker.activitiesInFlight().find((type) => !killedDuring.has(type));
      if (!target) return;
      killedDuring.add(target);
      restarting = (async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 40)));
        await worker.kill();
        await worker.start();
      })().finally(() => (restarting = undefined));
    }, 10);
    const ids = subscriptions.map((f) => f.subscription.id);
    const count = async (entity: typeof Invoice | typeof Subscription, where: Record<string, unknown>) =>
      db.dataSource.manager.count(entity as typeof Invoice, { where: ids.map((id) => ({ ...where, [entity === Subscription ? 'id' : 'subscriptionId']: id })) });

    try {
      await calendar.runUntil(wib('2027-04-27 10:00'));
      await calendar.runUntilDone(async () => (await count(Subscription, { status: 'suspended' })) === SUBSCRIPTIONS, 60_000);
      const invoices = await db.dataSource.manager.findBy(Invoice, ids.map((subscriptionId) => ({ subscriptionId })));
      for (const [index, f] of subscriptions.entries()) {
        const invoiceId = invoices.find((row) => row.subscriptionId === f.subscription.id)?.id ?? 'missing';
        const payment = { paymentId: randomUUID(), invoiceId, amount: 121_000, paidAt: calendar.now(), source: 'gateway' as const };
        await handles[index].signal(paymentReceivedSignal, payment);
        await handles[index].signal(paymentReceivedSignal, payment);
      }
      await calendar.runUntilDone(async () => (await count(Subscription, { status: 'active' })) === SUBSCRIPTIONS, 60_000);
      for (const handle of handles) await handle.signal(cancelSubscriptionSignal, { mode: 'now', actor, reason: 'Pindah rumah' });
      await calendar.runUntilDone(
        async () => (await Promise.all(handles.map((handle) => handle.describe()))).every((run) => run.status.name === 'COMPLETED'),
        60_000,
      );
    } finally {
      clearInterval(chaos);
      await restarting;
    }

    expect([...killedDuring].sort()).toEqual([...KILL_DURING].sort());
    expect(worker.starts).toBe(KILL_DURING.length + 1);
    const m = db.dataSource.manager;
    for (const f of subscriptions) {
      const sub = f.subscription.id;
      const [invoice, ...more] = await m.findBy(Invoice, { subscriptionId: sub });
      expect(more).toHaveLength(0);
      expect(invoice).toMatchObject({ period: '2027-05', total: 121_000, amountPaid: 121_000, status: 'paid' });
      expect(await m.countBy(InvoiceItem, { invoiceId: invoice.id, kind: 'late_fee' })).toBe(1);
      expect(await m.countBy(PaymentAllocation, { invoiceId: invoice.id })).toBe(1);
      const messages = await m.find(NotificationLog, { where: { subscriptionId: sub }, order: { createdAt: 'ASC' } });
      expect(messages.map((row) => row.template)).toEqual([
        'invoice_issued', 'payment_reminder_1', 'payment_reminder_2', 'suspend_warning', 'suspended', 'payment_received', 'unsuspended',
      ]);
      const network = await m.find(NetworkActionLog, { where: { subscriptionId: sub }, order: { createdAt: 'ASC' } });
      expect(network.map((row) => `${row.action}:${(row.detail as { trigger: string }).trigger}`)).toEqual(['suspend:suspend', 'unsuspend:payment', 'suspend:cancel']);
      expect((await m.findBy(AuditLog, { entityId: sub })).map((row) => row.action)).toEqual(['subscription.cancel']);
      expect(await m.findOneByOrFail(Subscription, { id: sub })).toMatchObject({ status: 'cancelled' });
    }
  }, 240_000);
});
