import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { type ActivationBilling, DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { BILLING_TASK_QUEUE, type BillingActivities, TASK_QUEUES, paymentReceivedSignal, stateQuery, subscriptionWorkflowId } from '@lunas/contracts';
import { Invoice, InvoiceItem, NotificationLog, Tenant } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { QueueWorkers } from '../src/temporal/queue-workers';
import { billingDatabase, subscriber } from './support/billing-database';
import { bundleWorkflows, startTimeSkippingServer, wib, wibText } from './support/temporal';

// A new subscription's first run on the embedded Temporal server (time skipping) with the REAL activities on a test
// database. Billing day 5, "Paket Rumah 20 Mbps" Rp 100.000. Activated Wednesday 21 April 2027 10:00 WIB, in period
// 2027-04 (5 April – 4 May, 30 days; 14 days from the 21st). Prepaid one period ahead: 2027-05 (5 May – 4 June) was
// due on 5 April, before the activation, so the activation invoice bills it too; the H-1 cycle takes over with
// 2027-06, issued Tuesday 4 May 06:00 and due Wednesday 5 May. Default ladder at 09:00 WIB: T+3 reminder 1.
/** The calendar of an activation invoice for activation on 21 April 2027 10:00: filed under May, due that day. */
const ACTIVATED_21_APRIL = { period: '2027-05', periodStart: '2027-04-21', periodEnd: '2027-06-04', issuedAt: '2027-04-21 10:00', dueAt: '2027-04-21 00:00' };

describe('activation invoice', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let worker: QueueWorkers;
  let running: Promise<void>;
  let f: SubscriptionFixture;
  let handle: WorkflowHandle;
  let activities: BillingActivities;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    bundle = await bundleWorkflows();
  }, 60_000);
  beforeEach(async () => {
    env = await startTimeSkippingServer();
    ({ db, activities } = await billingDatabase());
    worker = await QueueWorkers.create({ connection: env.nativeConnection, queues: TASK_QUEUES, activities, workflows: { workflowBundle: bundle } });
    running = worker.run();
    f = await subscriber(db);
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
  /** Starts the workflow as the API does for a subscription created at `at` with `startedOn`, under `billing`. */
  async function activate(at: string, billing: ActivationBilling): Promise<void> {
    await travelTo(wib(at));
    handle = await env.client.workflow.start('subscriptionWorkflow', {
      taskQueue: BILLING_TASK_QUEUE,
      workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id),
      args: [
        {
          subscription: { tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id, billingDay: 5 },
          packageId: f.pkg.id,
          policy: DEFAULT_DUNNING_POLICY,
          activation: { date: at.slice(0, 10), billing },
        },
      ],
    });
    await travelTo(wib(at) + 60_000);
  }
  const invoices = () => db.dataSource.manager.find(Invoice, { where: { subscriptionId: f.subscription.id }, order: { issuedAt: 'ASC', period: 'ASC' } });
  const lines = async (invoice: Invoice) =>
    (await db.dataSource.manager.find(InvoiceItem, { where: { invoiceId: invoice.id }, order: { position: 'ASC' } })).map((item) => [item.description, item.amount]);
  const calendar = (invoice: Invoice) => ({
    period: invoice.period,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    issuedAt: wibText(invoice.issuedAt),
    dueAt: wibText(invoice.dueAt),
    subtotal: invoice.subtotal,
    discountAmount: invoice.discountAmount,
    ppnAmount: invoice.ppnAmount,
    total: invoice.total,
  });
  const messages = async () =>
    (await db.dataSource.manager.find(NotificationLog, { where: { subscriptionId: f.subscription.id }, order: { createdAt: 'ASC' } })).map((row) => row.template);

  it('prorated (default): 14 of 30 days plus May in advance, due on the activation day, reminded T+3; the H-1 cycle bills June', async () => {
    await activate('2027-04-21 10:00', 'prorated');
    const [first] = await invoices();
    // 100.000 × 14/30 = 46.666,67 → 46.667 (half up); + 100.000 = 146.667; PPN 11 % = 16.133,37 → 16.133 (down); total 162.800.
    expect(calendar(first)).toEqual({
      ...ACTIVATED_21_APRIL,
      subtotal: 146_667,
      discountAmount: 0,
      ppnAmount: 16_133,
      total: 162_800,
    });
    expect(await lines(first)).toEqual([
      ['Paket Rumah 20 Mbps (21 April 2027 – 4 Mei 2027, prorata 14/30 hari)', 46_667],
      ['Paket Rumah 20 Mbps (Mei 2027)', 100_000],
    ]);
    const state = await handle.query(stateQuery);
    expect(state).toMatchObject({ stage: 'issued', nextPeriod: '2027-06', currentInvoice: { period: '2027-05', dueDate: '2027-04-21', total: 162_800 } });
    expect(wibText(state.nextInvoiceAt)).toBe('2027-05-04 06:00');
    expect(state.timeline.find((entry) => entry.kind === 'invoice_issued')?.message).toBe(
      `Tagihan pertama ${first.number} terbit: 14 hari (21 April 2027 – 4 Mei 2027, prorata 14/30) + ` +
        'periode Mei 2027 di muka (5 Mei 2027 – 4 Juni 2027); Rp 162.800, jatuh tempo 2027-04-21',
    );

    expect(await messages()).toEqual(['invoice_issued']); // at once: Wednesday 10:00 is inside the send window
    await travelTo(wib('2027-04-24 08:59'));
    expect(await messages()).toEqual(['invoice_issued']);
    await travelTo(wib('2027-04-24 09:01')); // T+3 of the activation day
    expect(await messages()).toEqual(['invoice_issued', 'payment_reminder_1']);
    expect((await handle.query(stateQuery)).overdueSince).toBe(wib('2027-04-22 00:00'));
    await handle.signal(paymentReceivedSignal, { paymentId: randomUUID(), invoiceId: first.id, amount: 162_800, paidAt: await env.currentTimeMs(), source: 'gateway' });

    await travelTo(wib('2027-05-04 07:00'));
    const [, june] = await invoices();
    expect(calendar(june)).toMatchObject({ period: '2027-06', periodStart: '2027-06-05', issuedAt: '2027-05-04 06:00', dueAt: '2027-05-05 00:00', total: 111_000 });
    expect((await invoices()).map((invoice) => [invoice.period, invoice.status])).toEqual([['2027-05', 'paid'], ['2027-06', 'unpaid']]);
  });

  it('issues the activation invoice once: the activity retried with the same input answers the same invoice', async () => {
    await activate('2027-04-21 10:00', 'prorated');
    const [first] = await invoices();
    const retried = await activities.issueInvoice({
      tenantId: f.tenant.id,
      subscriptionId: f.subscription.id,
      customerId: f.customer.id,
      packageId: f.pkg.id,
      billingDay: 5,
      period: '2027-05',
      issuedAt: wib('2027-04-21 10:00'),
      extraLines: [],
      activation: { date: '2027-04-21', billing: 'prorated', dueDate: '2027-04-21' },
    });
    expect(retried).toMatchObject({ invoiceId: first.id, number: first.number, total: 162_800, created: false });
    expect(await db.dataSource.manager.countBy(Invoice, { subscriptionId: f.subscription.id })).toBe(1);
  });

  it('activated on the last day after the H-1 issue hour: 1 day, May and June in one invoice due that day; the cycle bills July', async () => {
    await activate('2027-05-04 10:00', 'prorated');
    const all = await invoices();
    expect(all).toHaveLength(1);
    // 100.000 × 1/30 = 3.333,33 → 3.333; + 2 × 100.000 = 203.333; PPN 11 % = 22.366,63 → 22.366 (down); total 225.699.
    expect(calendar(all[0])).toEqual({
      period: '2027-06',
      periodStart: '2027-05-04',
      periodEnd: '2027-07-04',
      issuedAt: '2027-05-04 10:00',
      dueAt: '2027-05-04 00:00',
      subtotal: 203_333,
      discountAmount: 0,
      ppnAmount: 22_366,
      total: 225_699,
    });
    expect((await lines(all[0])).map(([, amount]) => amount)).toEqual([3_333, 100_000, 100_000]);
    expect(wibText((await handle.query(stateQuery)).nextInvoiceAt)).toBe('2027-06-04 06:00');
  });

  it('full_month under the mitra PPN 12 % included in prices: both months at the full price, Rp 200.000 with PPN 21.428', async () => {
    await db.dataSource.manager.update(Tenant, { id: f.tenant.id }, { ppnRateBasisPoints: 1_200, pricesIncludePpn: true });
    await activate('2027-04-21 10:00', 'full_month');
    const [first] = await invoices();
    // 200.000 includes PPN: DPP ⌈200.000 ÷ 1,12⌉ = ⌈178.571,43⌉ = 178.572, PPN 21.428.
    expect(calendar(first)).toEqual({
      ...ACTIVATED_21_APRIL,
      subtotal: 200_000,
      discountAmount: 0,
      ppnAmount: 21_428,
      total: 200_000,
    });
    expect(await lines(first)).toEqual([
      ['Paket Rumah 20 Mbps (21 April 2027 – 4 Mei 2027, bulan pertama penuh)', 100_000],
      ['Paket Rumah 20 Mbps (Mei 2027)', 100_000],
    ]);

    await travelTo(wib('2027-05-04 07:00'));
    expect(calendar((await invoices())[1])).toMatchObject({ period: '2027-06', issuedAt: '2027-05-04 06:00', dueAt: '2027-05-05 00:00', total: 100_000 });
  });

  it('none: no activation invoice; the first invoice is June from the H-1 cycle, Rp 111.000 due 5 May', async () => {
    await activate('2027-04-21 10:00', 'none');
    expect(await invoices()).toEqual([]);
    const state = await handle.query(stateQuery);
    expect(state.timeline.map((entry) => entry.message)).toEqual([
      'Aktif sejak 21 April 2027; tanpa tagihan aktivasi (pengaturan mitra), tagihan pertama periode 2027-06 terbit 4 Mei 2027',
    ]);

    await travelTo(wib('2027-05-04 07:00'));
    const all = await invoices();
    expect(all.map(calendar)).toEqual([
      {
        period: '2027-06',
        periodStart: '2027-06-05',
        periodEnd: '2027-07-04',
        issuedAt: '2027-05-04 06:00',
        dueAt: '2027-05-05 00:00',
        subtotal: 100_000,
        discountAmount: 0,
        ppnAmount: 11_000,
        total: 111_000,
      },
    ]);
    expect(await messages()).toEqual([]);
  });
});
