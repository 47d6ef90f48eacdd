import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import {
  balanceReopenedSignal, BILLING_TASK_QUEUE, LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS, paymentReceivedSignal, promiseToPayUpdate, subscriptionWorkflowId,
} from '@lunas/contracts';
import { addDaysToIsoDate, DEFAULT_DUNNING_POLICY, jakartaDateOf, jakartaInstant } from '@lunas/domain';
import { startDevServer } from '@lunas/devserver';
import { LedgerBatch, refundableOf } from '@lunas/persistence';
import { WorkerProcess } from '@lunas/testing';
import type { DataSource } from 'typeorm';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '../../apps/worker/src/temporal/workflow-bundle';
import { VirtualCalendar } from '../../apps/worker/test/support/virtual-calendar';
import { type CustomerStep, drawBehaviour, LAST_STEP_DAY, type PaymentBehaviour, seededRandom, stepOn } from './behaviour';
import { checkSoak, type SoakFindings, type SoakLedger } from './checks';

export interface SoakOptions {
  subscriptions: number;
  months: number;
  seed: number;
  /** Worker processes polling the billing queue (the kills hit one at a time; the others carry on). */
  workers: number;
  /** A random worker is killed (SIGKILL) and restarted every this many seconds of real time; 0: never. */
  killEverySeconds: number;
  /** A migrated, empty Lunas database, and its URL for the workers. */
  dataSource: DataSource;
  databaseUrl: string;
  log?: (line: string) => void;
}

export interface SoakReport extends SoakFindings {
  options: Omit<SoakOptions, 'dataSource' | 'databaseUrl' | 'log'>;
  wallSeconds: number;
  simulated: { from: string; to: string };
  kills: number;
  workerStarts: number;
  customerSteps: Record<PaymentBehaviour | 'promise_refused' | 'duplicate_signals', number>;
}

/** The soak's first instant (WIB); subscriptions started the month before. */
const START = '2027-01-01';
const actor = { userId: 'soak', name: 'Soak (Kasir)' };
const DAY_MS = 86_400_000;
/** Share of payment signals delivered twice (a relay retry after a lost answer). */
const DUPLICATE_SIGNAL_SHARE = 0.1;
/** Customer steps run this many at once. */
const STEP_CONCURRENCY = 20;

interface LatestInvoice {
  id: string;
  tenant_id: string;
  subscription_id: string;
  customer_id: string;
  due_at: Date;
}

/**
 * A year of billing (`options.months`) on the in-process time-skipping dev server: N subscriptions over 28 billing
 * days, the real worker app in `options.workers` processes (one killed with SIGKILL and restarted every
 * `killEverySeconds`), each invoice paid one of the ways of `behaviour.ts` (drawn from `seed`; a customer who never
 * pays stays so). The payments and chargebacks are booked the way the API books them (the ledger batch, then the
 * signal; a share of the signals delivered twice). The virtual clock runs day by day to noon WIB, where the day's
 * customer steps run. At the end `checkSoak` checks the books.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const random = seededRandom(options.seed);
  const server = await startDevServer({
    port: 0,
    timeSkipping: true,
    searchAttributes: Object.fromEntries(LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS.map(({ name, type }) => [name, String(type)])),
  });
  const bundleDir = mkdtempSync(path.join(tmpdir(), 'lunas-soak-'));
  const workers: WorkerProcess[] = [];
  let connection: Connection | undefined;
  let chaos: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;
  let kills = 0;
  // Interrupted (Ctrl-C, a timeout's SIGTERM): the worker processes must not outlive the soak.
  const interrupted = (signal: NodeJS.Signals) => {
    for (const worker of workers) void worker.kill();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const bundlePath = path.join(bundleDir, 'workflows.js');
    writeFileSync(bundlePath, (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions, logger: quiet })).code);
    const env = { DATABASE_URL: options.databaseUrl, TEMPORAL_ADDRESS: server.address, WORKFLOW_BUNDLE_PATH: bundlePath, LOG_LEVEL: 'info' };
    for (let i = 0; i < options.workers; i++) workers.push(new WorkerProcess(env));
    await Promise.all(workers.map((worker) => worker.start()));
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });

    const calendar = new VirtualCalendar(server);
    calendar.set(jakartaInstant(START, 10));
    const subscriptions = await seed(options.dataSource, options.subscriptions);
    await inPool(subscriptions, 50, (row) =>
      client.workflow.start('subscriptionWorkflow', {
        taskQueue: BILLING_TASK_QUEUE,
        workflowId: subscriptionWorkflowId(row.tenantId, row.subscriptionId),
        args: [{ subscription: { tenantId: row.tenantId, subscriptionId: row.subscriptionId, customerId: row.customerId, billingDay: row.billingDay }, packageId: row.packageId, policy: DEFAULT_DUNNING_POLICY }],
      }),
    );
    log(`started ${subscriptions.length} subscription workflows on ${options.workers} worker processes`);

    if (options.killEverySeconds > 0) {
      chaos = setInterval(() => {
        if (restarting) return;
        const victim = workers[Math.floor(random() * workers.length)];
        kills += 1;
        restarting = victim.kill().then(() => victim.start()).finally(() => (restarting = undefined));
      }, options.killEverySeconds * 1000);
    }

    const ledger = new Map<string, SoakLedger>(subscriptions.map((row) => [row.subscriptionId, { paid: 0, refunded: 0 }]));
    const customers = new Customers(options.dataSource, client, ledger, random);
    const days = Math.round((options.months * 365.25) / 12) + LAST_STEP_DAY + 2;
    const end = jakartaInstant(addDaysToIsoDate(START, days), 12);
    for (let day = 0; day <= days; day++) {
      const noon = jakartaInstant(addDaysToIsoDate(START, day), 12);
      await calendar.runUntil(noon);
      await customers.actOn(noon);
      if (day % 30 === 0) log(`${jakartaDateOf(noon)}: ${JSON.stringify(customers.steps)}, ${kills} kills (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    clearInterval(chaos);
    await restarting;
    await calendar.runUntil(end);
    await customers.answered();

    const findings = await checkSoak(options.dataSource, client, ledger, { start: jakartaInstant(START, 10), end });
    return {
      options: { subscriptions: options.subscriptions, months: options.months, seed: options.seed, workers: options.workers, killEverySeconds: options.killEverySeconds },
      wallSeconds: Math.round((Date.now() - started) / 1000),
      simulated: { from: START, to: jakartaDateOf(end) },
      kills,
      workerStarts: workers.reduce((sum, worker) => sum + worker.starts, 0),
      customerSteps: customers.steps,
      ...findings,
    };
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    clearInterval(chaos);
    await restarting?.catch(() => undefined);
    for (const worker of workers) await worker.stop();
    await connection?.close();
    await server.close();
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

/** The customers' side: each day, the steps their latest invoices call for (booked as the API books them). */
class Customers {
  /** Behaviour of each invoice, drawn when it is first seen; a customer who never pays keeps never paying. */
  private readonly behaviours = new Map<string, PaymentBehaviour>();
  private readonly nonPayers = new Set<string>();
  /** The last payment booked on each invoice (what a chargeback takes back). */
  private readonly lastPayment = new Map<string, string>();
  readonly steps: SoakReport['customerSteps'] = { on_time: 0, late: 0, partial: 0, never: 0, promise: 0, chargeback: 0, promise_refused: 0, duplicate_signals: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly ledger: Map<string, SoakLedger>,
    private readonly random: () => number,
  ) {}

  /**
   * Promises whose answer is still awaited: an update waits for a workflow task, which may sit on a killed worker's
   * sticky queue until its timeout fires on the virtual clock, so they are awaited after the clock has moved on.
   */
  private promises: Array<Promise<void>> = [];

  /** The answers to the promises made before the clock moved on. */
  async answered(): Promise<void> {
    const waiting = this.promises;
    this.promises = [];
    await Promise.all(waiting);
  }

  async actOn(now: number): Promise<void> {
    await this.answered();
    const today = jakartaDateOf(now);
    const latest: LatestInvoice[] = await this.dataSource.query(
      `SELECT DISTINCT ON (subscription_id) id, tenant_id, subscription_id, customer_id, due_at
         FROM invoices ORDER BY subscription_id, period DESC`,
    );
    const due: Array<{ invoice: LatestInvoice; step: CustomerStep }> = [];
    for (const invoice of latest) {
      const dueDay = jakartaDateOf(invoice.due_at.getTime());
      const day = Math.round((Date.parse(today) - Date.parse(dueDay)) / DAY_MS);
      if (day < 0 || day > LAST_STEP_DAY) continue;
      const step = stepOn(this.behaviourOf(invoice), day);
      if (step) due.push({ invoice, step });
    }
    await inPool(due, STEP_CONCURRENCY, ({ invoice, step }) => this.take(invoice, step, now));
  }

  private behaviourOf(invoice: LatestInvoice): PaymentBehaviour {
    let behaviour = this.behaviours.get(invoice.id);
    if (!behaviour) {
      behaviour = this.nonPayers.has(invoice.subscription_id) ? 'never' : drawBehaviour(this.random);
      if (behaviour === 'never') this.nonPayers.add(invoice.subscription_id);
      this.behaviours.set(invoice.id, behaviour);
      this.steps[behaviour] += 1;
    }
    return behaviour;
  }

  private handle(invoice: LatestInvoice) {
    return this.client.workflow.getHandle(subscriptionWorkflowId(invoice.tenant_id, invoice.subscription_id));
  }

  private async take(invoice: LatestInvoice, step: CustomerStep, now: number): Promise<void> {
    switch (step.kind) {
      case 'pay': return this.pay(invoice, step.share, now);
      case 'promise': return void this.promises.push(this.promise(invoice, step.untilDay));
      case 'chargeback': return this.chargeback(invoice);
    }
  }

  /** A kasir payment of `share` of what the invoice owes: ledger first, then the signal (sometimes twice). */
  private async pay(invoice: LatestInvoice, share: number, now: number): Promise<void> {
    const payment = await this.dataSource.transaction(async (m) => {
      const batch = new LedgerBatch(30_000);
      const locked = await batch.lockInvoice(m, invoice.id);
      const owed = locked ? locked.total - locked.amountPaid : 0;
      const amount = share < 1 ? Math.floor(owed * share) : owed;
      if (!locked || amount <= 0) return undefined;
      const created = batch.createPayment({
        tenantId: invoice.tenant_id, invoiceId: invoice.id, customerId: invoice.customer_id, gateway: 'manual', gatewayTransactionId: `soak:${randomUUID()}`,
        method: 'cash', amount, status: 'succeeded', paidAt: new Date(now),
      });
      batch.receive(created, locked, 'kasir');
      await batch.flush(m);
      return created;
    });
    if (!payment) return;
    (this.ledger.get(invoice.subscription_id) as SoakLedger).paid += payment.amount;
    this.lastPayment.set(invoice.id, payment.id);
    const signal = { paymentId: payment.id, invoiceId: invoice.id, amount: payment.amount, paidAt: now, source: 'kasir' as const };
    await this.handle(invoice).signal(paymentReceivedSignal, signal);
    if (this.random() < DUPLICATE_SIGNAL_SHARE) {
      this.steps.duplicate_signals += 1;
      await this.handle(invoice).signal(paymentReceivedSignal, signal);
    }
  }

  private async promise(invoice: LatestInvoice, untilDay: number): Promise<void> {
    const until = addDaysToIsoDate(jakartaDateOf(invoice.due_at.getTime()), untilDay);
    await this.handle(invoice).executeUpdate(promiseToPayUpdate, { args: [{ actor, reason: 'Janji bayar (soak)', until }] }).catch(() => {
      this.steps.promise_refused += 1;
    });
  }

  /** The gateway takes the invoice's last payment back: the ledger reopens the invoice, then `balanceReopened`. */
  private async chargeback(invoice: LatestInvoice): Promise<void> {
    const paymentId = this.lastPayment.get(invoice.id);
    if (!paymentId) return;
    const eventId = `soak-chargeback-${randomUUID()}`;
    const reversal = await this.dataSource.transaction(async (m) => {
      const batch = new LedgerBatch(30_000);
      await batch.lockPayments(m, [paymentId]);
      const payment = batch.payment(paymentId);
      const amount = await refundableOf(m, paymentId);
      const locked = payment?.invoiceId ? await batch.lockInvoice(m, payment.invoiceId) : null;
      if (!payment || !locked || amount <= 0) return undefined;
      const result = await batch.reverse(m, payment, locked, amount, 'Chargeback (soak)', null, { eventId, reason: 'chargeback' });
      await batch.flush(m);
      return { amount, ...result };
    });
    if (!reversal) return;
    (this.ledger.get(invoice.subscription_id) as SoakLedger).refunded += reversal.amount;
    await this.handle(invoice).signal(balanceReopenedSignal, {
      eventId, invoiceId: invoice.id, balance: reversal.invoice.balance, reason: 'chargeback', ...(reversal.fromCredit > 0 ? { fromCredit: reversal.fromCredit } : {}),
    });
  }
}

interface SeededSubscription {
  tenantId: string;
  customerId: string;
  subscriptionId: string;
  packageId: string;
  billingDay: number;
}

/** One tenant per 500 subscriptions, a Rp 100.000 package each, customers with WhatsApp consent, billing days 1–28. */
async function seed(dataSource: DataSource, count: number): Promise<SeededSubscription[]> {
  return dataSource.query(
    `WITH t AS (INSERT INTO tenants (business_name, kind) SELECT 'Soak Net ' || g, 'mitra' FROM generate_series(1, $2) g RETURNING id),
     tn AS (SELECT id, row_number() OVER () - 1 AS n FROM t),
     p AS (INSERT INTO packages (tenant_id, name, speed, price) SELECT id, 'Paket Rumah', '20 Mbps', 100000 FROM t RETURNING id, tenant_id),
     c AS (INSERT INTO customers (tenant_id, code, name, phone, register_date, whatsapp_consent)
           SELECT tn.id, 'S-' || g, 'Pelanggan ' || g, '62813' || lpad(g::text, 8, '0'), '2026-12-01', true
             FROM generate_series(1, $1) g JOIN tn ON tn.n = (g - 1) % $2
           RETURNING id, tenant_id, code)
     INSERT INTO subscriptions (tenant_id, customer_id, package_id, billing_day, started_on, pppoe_username)
     SELECT c.tenant_id, c.id, p.id, 1 + (substr(c.code, 3)::int % 28), '2026-12-01', 'soak-' || c.code FROM c JOIN p ON p.tenant_id = c.tenant_id
     RETURNING tenant_id AS "tenantId", customer_id AS "customerId", id AS "subscriptionId", package_id AS "packageId", billing_day AS "billingDay"`,
    [count, Math.max(1, Math.ceil(count / 500))],
  );
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
