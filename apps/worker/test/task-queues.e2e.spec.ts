import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { WORKER_QUEUES } from '@lunas/config';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import {
  BILLING_TASK_QUEUE,
  paymentReceivedSignal,
  subscriptionWorkflowId,
  TASK_QUEUES,
} from '@lunas/contracts';
import { Invoice, NetworkActionLog, NotificationLog, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { API_SERIES, chartedSeries, exportedSeries, freePort, prometheusSample, WorkerProcess } from '@lunas/testing';
import { QueueWorkers } from '../src/temporal/queue-workers';
import { billingDatabase, subscriber } from './support/billing-database';
import { receiptBeforeRestore } from './support/dunning-calendar';
import { startServerWithBundle, wib } from './support/temporal';
import { VirtualCalendar } from './support/virtual-calendar';

// Task queues split by concern, with the real worker app in two processes: one polling only `billing`
// (LUNAS_WORKER_QUEUES=billing), one polling `messaging,network`. Two subscriptions, billing day 5, Rp 100.000 + PPN =
// Rp 111.000: issued Sun 4 Apr 2027 06:00 WIB, reminders T+3 and T+7 (+ Rp 10.000 fee), warning T+14, isolir T+21
// (Mon 26 Apr 09:00); paid Rp 121.000 on 27 Apr, unsuspended.
describe(QueueWorkers.name, () => {
  let temporal: Awaited<ReturnType<typeof startServerWithBundle>>;
  let db: TestDatabase;
  let billingWorker: WorkerProcess;
  let effectsWorker: WorkerProcess;
  let connection: Connection;
  let client: Client;
  let ports: { billing: number; effects: number; temporal: number };
  const scrape = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

  beforeAll(async () => {
    temporal = await startServerWithBundle();
    const { server, bundlePath } = temporal;
    ({ db } = await billingDatabase());
    const env = { DATABASE_URL: db.url, TEMPORAL_ADDRESS: server.address, WORKFLOW_BUNDLE_PATH: bundlePath };
    ports = { billing: await freePort(), effects: await freePort(), temporal: await freePort() };
    billingWorker = new WorkerProcess({ ...env, LUNAS_WORKER_QUEUES: 'billing', LUNAS_WORKER_METRICS_PORT: String(ports.billing), LUNAS_TEMPORAL_METRICS_PORT: String(ports.temporal) });
    effectsWorker = new WorkerProcess({ ...env, LUNAS_WORKER_QUEUES: 'messaging,network', LUNAS_WORKER_METRICS_PORT: String(ports.effects) });
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
  }, 120_000);
  afterAll(async () => {
    await billingWorker?.stop();
    await effectsWorker?.stop();
    await connection?.close();
    await temporal?.close();
    await db?.destroy();
  });

  it('knows the same task queues in the configuration as the workflow schedules on', () => {
    expect([...WORKER_QUEUES]).toEqual([...TASK_QUEUES]);
  });

  it('issues invoices with only the billing queue polled, leaves messages pending, and completes the cycle once messaging and network are polled', async () => {
    const calendar = new VirtualCalendar(temporal.server);
    calendar.set(wib('2027-04-01 10:00'));
    const subscriptions: SubscriptionFixture[] = [await subscriber(db), await subscriber(db)];
    const ids = subscriptions.map((f) => f.subscription.id);
    await billingWorker.start();
    const handles: WorkflowHandle[] = await Promise.all(
      subscriptions.map((f) =>
        client.workflow.start('subscriptionWorkflow', {
          taskQueue: BILLING_TASK_QUEUE,
          workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id),
          args: [{ subscription: { tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id, billingDay: 5 }, packageId: f.pkg.id, policy: DEFAULT_DUNNING_POLICY }],
        }),
      ),
    );
    const m = db.dataSource.manager;

    // Mon 5 Apr, noon: both invoices were issued on Sunday 06:00 on the billing queue; the invoice_issued messages,
    // due at Monday's send-window opening, wait on the messaging queue, which nobody polls (the billing worker
    // registers notify too, so they are not on the billing queue).
    await calendar.runUntil(wib('2027-04-05 12:00'));
    expect(await m.countBy(Invoice, ids.map((subscriptionId) => ({ subscriptionId, period: '2027-05', total: 111_000 })))).toBe(2);
    expect(await m.countBy(NotificationLog, ids.map((subscriptionId) => ({ subscriptionId })))).toBe(0);
    for (const handle of handles) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      expect(pending.map((activity) => activity.activityType?.name)).toEqual(['notify']);
    }

    // The messaging and network worker comes up: the messages go out and the ladder walks on to isolir.
    await effectsWorker.start();
    await calendar.runUntil(wib('2027-04-27 10:00'));
    const suspendedCount = () => m.countBy(Subscription, ids.map((id) => ({ id, status: 'suspended' as const })));
    await calendar.runUntilDone(async () => (await suspendedCount()) === 2, 60_000);
    for (const [index, f] of subscriptions.entries()) {
      const invoice = await m.findOneByOrFail(Invoice, { subscriptionId: f.subscription.id });
      await handles[index].signal(paymentReceivedSignal, { paymentId: randomUUID(), invoiceId: invoice.id, amount: 121_000, paidAt: calendar.now(), source: 'gateway' });
    }
    const activeCount = () => m.countBy(Subscription, ids.map((id) => ({ id, status: 'active' as const })));
    await calendar.runUntilDone(async () => (await activeCount()) === 2, 60_000);
    await calendar.runUntilDone(async () => (await m.countBy(NotificationLog, ids.map((subscriptionId) => ({ subscriptionId, template: 'unsuspended' })))) === 2, 60_000);

    for (const id of ids) {
      const messages = await m.find(NotificationLog, { where: { subscriptionId: id }, order: { createdAt: 'ASC' } });
      expect(receiptBeforeRestore(messages, (row) => row.template).map((row) => row.template)).toEqual([
        'invoice_issued', 'payment_reminder_1', 'payment_reminder_2', 'suspend_warning', 'suspended', 'payment_received', 'unsuspended',
      ]);
      const network = await m.find(NetworkActionLog, { where: { subscriptionId: id }, order: { createdAt: 'ASC' } });
      expect(network.map((row) => row.action)).toEqual(['suspend', 'unsuspend']);
      expect(await m.findOneByOrFail(Invoice, { subscriptionId: id })).toMatchObject({ total: 121_000, amountPaid: 121_000, status: 'paid' });
    }

    // Each worker process counts what ran in it: invoices and late fees on billing, messages and isolir on the other.
    const billingMetrics = await scrape(ports.billing);
    expect(prometheusSample(billingMetrics, 'lunas_invoices_issued_total')).toBe(2);
    expect(prometheusSample(billingMetrics, 'lunas_dunning_steps_total{step="late_fee"}')).toBe(2);
    expect(prometheusSample(billingMetrics, 'lunas_messages_total{template="invoice_issued",status="simulated"}')).toBe(0);
    const effectsMetrics = await scrape(ports.effects);
    expect(prometheusSample(effectsMetrics, 'lunas_invoices_issued_total')).toBe(0);
    expect(prometheusSample(effectsMetrics, 'lunas_messages_total{template="invoice_issued",status="simulated"}')).toBe(2);
    expect(prometheusSample(effectsMetrics, 'lunas_messages_total{template="unsuspended",status="simulated"}')).toBe(2);
    for (const step of ['payment_reminder_1', 'payment_reminder_2', 'suspend_warning', 'suspend']) {
      expect(prometheusSample(effectsMetrics, `lunas_dunning_steps_total{step="${step}"}`)).toBe(2);
    }
    expect(prometheusSample(effectsMetrics, 'lunas_radius_coa_total{action="suspend",result="simulated"}')).toBe(2);
    expect(prometheusSample(effectsMetrics, 'lunas_radius_coa_total{action="unsuspend",result="simulated"}')).toBe(2);
    // The Temporal SDK's own metrics, from the billing worker's runtime, on their own port.
    expect(await scrape(ports.temporal)).toMatch(/^temporal_\w+\{[^}]*task_queue="billing"/m);
  }, 240_000);

  it('exports every series of the Grafana dashboard but the API\'s (scraped from the running workers and the SDK after the cycle)', async () => {
    const { panels, charted } = chartedSeries();
    const exported = exportedSeries((await Promise.all([ports.billing, ports.effects, ports.temporal].map(scrape))).join('\n'));
    expect(new Set(charted.map((c) => c.panel)).size).toBe(panels);
    // The API's series are scraped from a running API in apps/api/test/observability.e2e.spec.ts.
    expect(charted.filter((c) => !API_SERIES.test(c.series) && !exported.has(c.series))).toEqual([]);
  });
});
