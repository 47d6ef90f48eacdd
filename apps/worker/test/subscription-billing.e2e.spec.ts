import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { BILLING_TASK_QUEUE, type BillingActivities, TASK_QUEUES, paymentReceivedSignal, stateQuery, subscriptionWorkflowId } from '@lunas/contracts';
import { DunningPolicy, Invoice, NetworkActionLog, NotificationLog, PaymentAllocation, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { createBillingActivities } from '../src/activities/billing-activities';
import { QueueWorkers } from '../src/temporal/queue-workers';
import { billingDatabase, subscriber } from './support/billing-database';
import { receiptBeforeRestore } from './support/dunning-calendar';
import { bundleWorkflows, startTimeSkippingServer, wib, wibText } from './support/temporal';

// The subscription workflow on the embedded Temporal server (time skipping) with the REAL activities on a test
// database. Billing day 5, package Rp 100.000 + PPN 11 % = Rp 111.000. Period 2027-05 falls due on Monday
// 5 April 2027 (T+0) and is issued H-1, Sunday 4 April 06:00 WIB; the ladder runs at 09:00 WIB: T+3 Thu 8 Apr
// reminder 1, T+7 Mon 12 Apr reminder 2 + Rp 10.000 late fee, T+14 Mon 19 Apr warning, T+21 Mon 26 Apr suspend.
describe(createBillingActivities.name, () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let worker: QueueWorkers;
  let running: Promise<void>;
  let f: SubscriptionFixture;
  let handle: WorkflowHandle;
  let activities: BillingActivities;
  const startWorker = async () => {
    worker = await QueueWorkers.create({ connection: env.nativeConnection, queues: TASK_QUEUES, activities, workflows: { workflowBundle: bundle } });
    running = worker.run();
  };

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    bundle = await bundleWorkflows();
  }, 60_000);
  beforeEach(async () => {
    env = await startTimeSkippingServer();
    const billing = await billingDatabase();
    db = billing.db;
    activities = billing.activities;
    await startWorker();
    f = await subscriber(db);
    await travelTo(wib('2027-04-01 10:00'));
    handle = await env.client.workflow.start('subscriptionWorkflow', {
      taskQueue: BILLING_TASK_QUEUE,
      workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id),
      args: [{ subscription: { tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id, billingDay: 5 }, packageId: f.pkg.id, policy: DEFAULT_DUNNING_POLICY }],
    });
  }, 60_000);
  afterEach(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.destroy();
  });

  async function travelTo(instant: number): Promise<void> {
    await env.sleep(instant - (await env.currentTimeMs()));
  }
  const invoice = () => db.dataSource.manager.findOneByOrFail(Invoice, { subscriptionId: f.subscription.id, period: '2027-05' });
  const messages = async () =>
    (await db.dataSource.manager.find(NotificationLog, { where: { subscriptionId: f.subscription.id }, order: { createdAt: 'ASC' } })).map((row) => row.template);
  /** Results of the notify and enforceNetwork activities in the workflow's history, in order. */
  async function effectResults(): Promise<unknown[]> {
    const { events } = await handle.fetchHistory();
    const scheduled = new Map<string, string>();
    const results: unknown[] = [];
    for (const event of events ?? []) {
      const attributes = event.activityTaskScheduledEventAttributes;
      if (attributes) scheduled.set(String(event.eventId), attributes.activityType?.name ?? '');
      const completed = event.activityTaskCompletedEventAttributes;
      if (completed && ['notify', 'enforceNetwork'].includes(scheduled.get(String(completed.scheduledEventId)) ?? '')) {
        results.push(JSON.parse(Buffer.from(completed.result?.payloads?.[0]?.data ?? []).toString()));
      }
    }
    return results;
  }
  const pay = async (paymentId: string, amount: number) =>
    handle.signal(paymentReceivedSignal, { paymentId, invoiceId: (await invoice()).id, amount, paidAt: await env.currentTimeMs(), source: 'gateway' });

  it('issues Rp 111.000, reminds on T+3, applies the payment signalled three times once and sends one receipt', async () => {
    await travelTo(wib('2027-04-09 10:00'));
    expect(await invoice()).toMatchObject({ number: 'INV/2027/04/000001', total: 111_000, status: 'unpaid' });
    expect(wibText((await invoice()).issuedAt)).toBe('2027-04-04 06:00');
    expect(await messages()).toEqual(['invoice_issued', 'payment_reminder_1']);

    const paymentId = randomUUID();
    for (let i = 0; i < 3; i++) await pay(paymentId, 111_000);
    await travelTo(wib('2027-04-09 10:01'));

    expect(await invoice()).toMatchObject({ amountPaid: 111_000, status: 'paid' });
    expect(await db.dataSource.manager.countBy(PaymentAllocation, { paymentId })).toBe(1);
    expect(await messages()).toEqual(['invoice_issued', 'payment_reminder_1', 'payment_received']);
    const receipt = await db.dataSource.manager.findOneByOrFail(NotificationLog, { subscriptionId: f.subscription.id, template: 'payment_received' });
    expect(receipt.body).toContain('Total Bayar: *Rp 111.000*');
    expect((await handle.query(stateQuery)).stage).toBe('paid');

    await travelTo(wib('2027-04-27 10:00')); // past T+21: a paid invoice is never chased
    expect(await messages()).toEqual(['invoice_issued', 'payment_reminder_1', 'payment_received']);
  });

  it('charges the late fee on T+7, suspends on T+21, and on payment of Rp 121.000 unsuspends and tells the customer', async () => {
    await travelTo(wib('2027-04-26 10:00'));
    expect(await invoice()).toMatchObject({ total: 121_000, status: 'unpaid' });
    expect(await messages()).toEqual(['invoice_issued', 'payment_reminder_1', 'payment_reminder_2', 'suspend_warning', 'suspended']);
    const suspended = await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id });
    expect(suspended.status).toBe('suspended');
    expect(suspended.suspendedAt && wibText(suspended.suspendedAt)).toBe('2027-04-26 09:00');

    await pay(randomUUID(), 121_000);
    await travelTo(wib('2027-04-26 10:01'));
    expect(await invoice()).toMatchObject({ amountPaid: 121_000, status: 'paid' });
    expect((await db.dataSource.manager.findOneByOrFail(Subscription, { id: f.subscription.id })).status).toBe('active');
    const actions = await db.dataSource.manager.find(NetworkActionLog, { where: { subscriptionId: f.subscription.id }, order: { createdAt: 'ASC' } });
    expect(actions.map((row) => `${row.action}:${row.result}:${row.adapter}`)).toEqual(['suspend:simulated:local-network', 'unsuspend:simulated:local-network']);
    expect(receiptBeforeRestore(await messages(), (template) => template).slice(5)).toEqual(['payment_received', 'unsuspended']);
  });

  it('shows in the timeline and in the history that the local stand-ins only simulated the messages and the suspension', async () => {
    await travelTo(wib('2027-04-26 10:00'));
    const statuses = await db.dataSource.manager.find(NotificationLog, { where: { subscriptionId: f.subscription.id } });
    expect(new Set(statuses.map((row) => `${row.status}:${row.adapter}`))).toEqual(new Set(['simulated:local-notification']));

    const { timeline } = await handle.query(stateQuery);
    expect(timeline.find((entry) => entry.kind === 'suspended')?.message).toBe('Layanan diisolir (disimulasikan oleh local-network: jaringan tidak diubah)');
    expect(timeline.filter((entry) => entry.kind === 'notification_simulated').map((entry) => entry.message)).toEqual(
      ['invoice_issued', 'payment_reminder_1', 'payment_reminder_2', 'suspend_warning', 'suspended'].map(
        (template) => `Pesan ${template} disimulasikan oleh local-notification: tidak terkirim ke pelanggan`,
      ),
    );
    // What the Temporal Web UI shows as each effect activity's result.
    expect(await effectResults()).toEqual([
      ...Array(4).fill({ status: 'simulated', adapter: 'local-notification' }),
      { result: 'simulated', adapter: 'local-network' },
      { status: 'simulated', adapter: 'local-notification' },
    ]);
  });

  it('adopts at the next cycle a policy version published while the worker was down (no signal): the 2027-06 invoice is reminded on T+1', async () => {
    const m = db.dataSource.manager;
    await m.insert(DunningPolicy, { tenantId: f.tenant.id, version: 1, body: DEFAULT_DUNNING_POLICY, active: true });
    await travelTo(wib('2027-04-06 10:00'));
    await pay(randomUUID(), 111_000);
    worker.shutdown();
    await running;
    // Published as the API stores it; its signal never reaches the workflow.
    await m.update(DunningPolicy, { tenantId: f.tenant.id, active: true }, { active: false });
    const quick = { ...DEFAULT_DUNNING_POLICY, steps: [{ id: 'early', dayOffset: 1, actions: [{ type: 'notify' as const, template: 'payment_reminder_1' }] }] };
    await m.insert(DunningPolicy, { tenantId: f.tenant.id, version: 2, body: { ...quick, version: 2 }, active: true });
    await startWorker();
    await travelTo(wib('2027-04-20 10:00'));
    expect((await handle.query(stateQuery)).policyVersion).toBe(1);

    await travelTo(wib('2027-05-06 10:00')); // 2027-06 issued 4 May 06:00, due Wednesday 5 May; T+1 at 09:00
    expect(await handle.query(stateQuery)).toMatchObject({ policyVersion: 2, cycle: 1, currentInvoice: { period: '2027-06' } });
    const next = await m.findOneByOrFail(Invoice, { subscriptionId: f.subscription.id, period: '2027-06' });
    const reminders = await m.find(NotificationLog, { where: { invoiceId: next.id }, order: { createdAt: 'ASC' } });
    expect(reminders.map((row) => row.template)).toEqual(['invoice_issued', 'payment_reminder_1']);
  });
});
