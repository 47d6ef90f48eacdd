/**
 * Billing benchmark: `node -r @swc-node/register bench/billing/run.ts [--subscriptions N] [--concurrency C] [--lean-vm] [--cache N]
 * [--threads N] [--workers N] [--issue-only] [--cpu-prof DIR]`.
 *
 * Embedded PostgreSQL (in this process's child), the embedded Temporal server in test-server form (its own
 * process; time skipping only while this script lets it) and the real worker app (`apps/worker/src/main.ts`, its
 * own process, real activities, PostgreSQL over its Unix socket; `--workers N` starts N of them on the task queue).
 * N subscriptions share billing day 5, so all their invoices are issued at the same H-1 06:00 WIB. Phases, each
 * measured from the database rows' timestamps (real time; virtual time only jumps while nothing is runnable):
 *   1. issue: N invoices (issueInvoice) — the headline figure, invoices/s;
 *   2. notice: N `invoice_issued` messages at 08:00 WIB;
 *   3. pay: N `paymentReceived` signals → applyPayment + receipt;
 *   4. next cycle: continue-as-new at the next issue time and N invoices of the next period.
 * `--issue-only` stops after phase 2 and prints its figures with the worker's RSS then.
 * `--cpu-prof DIR` writes V8 CPU profiles of the worker's threads into DIR (the worker is stopped gracefully at the end).
 * `--lean-vm` preloads the worker with `apps/worker/src/temporal/lean-vm.preload.ts` (no per-entry deadlock watchdog).
 * Prints the figures, history events of one full cycle (the first run, closed by continue-as-new) and the worker's
 * RSS (peak and at the end).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '@lunas/testing';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { bundleWorkflowCode } from '@temporalio/worker';
import { BILLING_TASK_QUEUE, paymentReceivedSignal, searchAttributeServerArgs, subscriptionWorkflowId } from '@lunas/contracts';
import { DEFAULT_DUNNING_POLICY, invoiceIssueTime, nextPeriod, nextSendWindowOpening, upcomingInvoicePeriod } from '@lunas/domain';
import { createDataSource, runMigrations, startEmbeddedPostgres } from '@lunas/persistence';
import { devServerBinPath } from '@lunas/devserver';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '../../apps/worker/src/temporal/workflow-bundle';
import { untilReady } from '../support/child-process';
import { cpuSeconds, rssMiB, treeCpuSeconds } from '../support/proc';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SUBSCRIPTIONS = option('subscriptions', 10_000);
/** Concurrent workflow starts and signals from this script. */
const CONCURRENCY = option('concurrency', 50);
const LEAN_VM = args.includes('--lean-vm');
const ISSUE_ONLY = args.includes('--issue-only');
/** Worker's sticky cache (`TEMPORAL_MAX_CACHED_WORKFLOWS`); 0 keeps the worker's default. */
const CACHE = option('cache', 0);
/** Worker processes on the task queue, each with its own cache (the figures sum their CPU and RSS). */
const WORKERS = option('workers', 1);
/** Worker's workflow threads (`TEMPORAL_WORKFLOW_THREADS`); 0 keeps the worker's default (1). */
const THREADS = option('threads', 0);
const CPU_PROFILE_DIR = args.includes('--cpu-prof') ? path.resolve(args[args.indexOf('--cpu-prof') + 1]) : undefined;
const BILLING_DAY = 5;
const HISTORY_SAMPLE = 10;

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns a process and resolves when its output contains `ready`. */
function launch(command: string, argv: string[], env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return untilReady(child, ready, path.basename(argv[argv.length - 1] ?? command));
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

interface PhaseFigures {
  count: number;
  seconds: number;
  perSecond: number;
  /** CPU milliseconds per item of each process (interpolated from the samples over the phase's first to last row). */
  cpuMsPerItem?: Record<string, number>;
}

type CpuMeters = Record<string, () => number>;

/** CPU seconds of each process, sampled every 250 ms, so that a phase's share can be read off afterwards. */
class CpuRecorder {
  private readonly samples: Array<{ at: number; seconds: Record<string, number> }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly meters: CpuMeters) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** CPU ms per item each process spent between `from` and `to` (epoch ms). */
  perItem(from: number, to: number, items: number): Record<string, number> {
    const result: Record<string, number> = {};
    for (const name of Object.keys(this.meters)) {
      const used = this.at(to, name) - this.at(from, name);
      result[name] = Number(((used * 1000) / Math.max(1, items)).toFixed(2));
    }
    return result;
  }

  private sample(): void {
    const seconds: Record<string, number> = {};
    for (const [name, meter] of Object.entries(this.meters)) seconds[name] = meter();
    this.samples.push({ at: Date.now(), seconds });
  }

  private at(time: number, name: string): number {
    const after = this.samples.findIndex((sample) => sample.at >= time);
    if (after <= 0) return this.samples[after < 0 ? this.samples.length - 1 : 0].seconds[name];
    const [a, b] = [this.samples[after - 1], this.samples[after]];
    return a.seconds[name] + ((b.seconds[name] - a.seconds[name]) * (time - a.at)) / (b.at - a.at);
  }
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'lunas-bench-billing-'));
  const children: ChildProcess[] = [];
  const pgDir = mkdtempSync(path.join(tmpdir(), 'lunas-bench-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort(), durable: false, database: 'lunas_bench' });
  try {
    const dataSource = await createDataSource(postgres.url, { poolSize: 4, logging: false }).initialize();
    await runMigrations(dataSource);
    const ids = await seed(dataSource);
    log(`seeded ${SUBSCRIPTIONS} subscriptions (billing day ${BILLING_DAY})`);

    const temporalPort = await freePort();
    const server = await launch(devServerBinPath(), [String(temporalPort), ...searchAttributeServerArgs()], {}, 'listening');
    children.push(server);
    const address = `127.0.0.1:${temporalPort}`;
    const bundlePath = path.join(tmp, 'workflows.js');
    writeFileSync(bundlePath, (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions, logger: quiet })).code);
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => launch(
      process.execPath,
      [
        ...(CPU_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROFILE_DIR] : []),
        '-r', '@swc-node/register', ...(LEAN_VM ? ['-r', path.join(ROOT, 'apps/worker/src/temporal/lean-vm.preload.ts')] : []), path.join(ROOT, 'apps/worker/src/main.ts'),
      ],
      // Over the Unix socket, as `npm start` connects its worker to the embedded PostgreSQL.
      { DATABASE_URL: postgres.socketUrl ?? postgres.url, TEMPORAL_ADDRESS: address, WORKFLOW_BUNDLE_PATH: bundlePath, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'info', NODE_ENV: 'development',
        ...(CACHE > 0 ? { TEMPORAL_MAX_CACHED_WORKFLOWS: String(CACHE) } : {}),
        ...(THREADS > 0 ? { TEMPORAL_WORKFLOW_THREADS: String(THREADS) } : {}) },
      'Worker polling task queue',
    )));
    children.push(...workers);
    const workerPids = workers.map((worker) => worker.pid ?? 0);
    const workersRss = () => workerPids.reduce((sum, pid) => sum + rssMiB(pid), 0);
    let peakRss = workersRss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, workersRss())), 500);
    const postmasterPid = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const cpu = new CpuRecorder({
      worker: () => workerPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
      server: () => treeCpuSeconds(server.pid ?? 0),
      postgres: () => treeCpuSeconds(postmasterPid),
      bench: () => {
        const own = process.cpuUsage();
        return (own.user + own.system) / 1e6;
      },
    });

    // The TestService client is what @temporalio/testing enables for the time-skipping server.
    const connection = await Connection.connect({ address, [InternalConnectionOptionsSymbol]: { supportsTestService: true } } as ConnectionOptions);
    const client = new Client({ connection });
    const testService = connection.testService;
    if (!testService) throw new Error('the dev server has no TestService');
    const skipUntil = async (target: number) => {
      const { time } = await testService.getCurrentTime({});
      const now = Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);
      const ms = Math.max(0, target - now);
      await testService.unlockTimeSkippingWithSleep({ duration: msToTs(ms) });
    };

    const startedAt = Date.now();
    const runs = new Map<string, string>();
    await pool(ids, CONCURRENCY, async (row) => {
      const handle = await client.workflow.start('subscriptionWorkflow', {
        taskQueue: BILLING_TASK_QUEUE,
        workflowId: subscriptionWorkflowId(row.tenantId, row.subscriptionId),
        args: [{ subscription: { tenantId: row.tenantId, subscriptionId: row.subscriptionId, customerId: row.customerId, billingDay: BILLING_DAY }, packageId: row.packageId, policy: DEFAULT_DUNNING_POLICY }],
      });
      runs.set(handle.workflowId, handle.firstExecutionRunId);
    });
    const startSeconds = (Date.now() - startedAt) / 1000;
    log(`started ${SUBSCRIPTIONS} workflows in ${startSeconds.toFixed(1)} s (${(SUBSCRIPTIONS / startSeconds).toFixed(0)}/s)`);

    const { time } = await testService.getCurrentTime({});
    const now = Number(time?.seconds ?? 0) * 1000;
    const period = upcomingInvoicePeriod(BILLING_DAY, now);
    const issueAt = invoiceIssueTime(period);
    const noticeAt = nextSendWindowOpening(issueAt, DEFAULT_DUNNING_POLICY.sendWindow);

    // 1 + 2: the issue time, then the send window opening, then stop skipping (half an hour later).
    await skipUntil(noticeAt + 30 * 60_000);
    const issue = await phase(dataSource, `SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM invoices WHERE period = '${period.key}'`, cpu);
    const notice = await phase(dataSource, `SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM notification_log WHERE template = 'invoice_issued'`, cpu);

    if (ISSUE_ONLY) {
      clearInterval(sampler);
      cpu.stop();
      log(JSON.stringify({ subscriptions: SUBSCRIPTIONS, workflowThreads: THREADS || 1, loadAverage: loadavg()[0].toFixed(1), issue, notice, workers: WORKERS, workerRssMiB: Math.round(workersRss()) }, null, 2));
      log(`invoices/s: ${issue.perSecond}; notices/s: ${notice.perSecond}`);
      await connection.close();
      await dataSource.destroy();
      return;
    }

    // 3: everybody pays in full.
    const invoices: Array<{ id: string; subscription_id: string; tenant_id: string; total: string }> = await dataSource.query(
      `SELECT id, subscription_id, tenant_id, total FROM invoices WHERE period = $1`, [period.key],
    );
    await pool(invoices, CONCURRENCY, (invoice) =>
      client.workflow.getHandle(subscriptionWorkflowId(invoice.tenant_id, invoice.subscription_id)).signal(paymentReceivedSignal, {
        paymentId: `bench-${invoice.id}`, invoiceId: invoice.id, amount: Number(invoice.total), paidAt: now, source: 'gateway',
      }),
    );
    const pay = await waitFor(dataSource, `SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM notification_log WHERE template = 'payment_received'`, cpu);

    // 4: the next issue time: continue-as-new, then the next invoice.
    const next = nextPeriod(period);
    await skipUntil(invoiceIssueTime(next) + 30 * 60_000);
    const nextIssue = await phase(dataSource, `SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM invoices WHERE period = '${next.key}'`, cpu);
    clearInterval(sampler);
    cpu.stop();
    const finalRss = workersRss();

    const sample = [...runs.entries()].slice(0, HISTORY_SAMPLE);
    const events = await Promise.all(sample.map(async ([workflowId, runId]) => (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events?.length ?? 0));
    await connection.close();
    await dataSource.destroy();

    const figures = {
      subscriptions: SUBSCRIPTIONS,
      workerVm: LEAN_VM ? 'lean (no deadlock watchdog)' : 'stock',
      workerCache: CACHE > 0 ? CACHE : 'default (2000)',
      workflowThreads: THREADS > 0 ? THREADS : 'default (1)',
      workers: WORKERS,
      cpus: cpus().length,
      loadAverage: loadavg()[0].toFixed(1),
      startsPerSecond: Math.round(SUBSCRIPTIONS / startSeconds),
      issue, notice, pay, nextIssue,
      historyEventsPerCycle: { min: Math.min(...events), max: Math.max(...events) },
      workerRssMiB: { peak: Math.round(peakRss), end: Math.round(finalRss) },
    };
    log(JSON.stringify(figures, null, 2));
    log(`invoices/s: ${issue.perSecond} (next cycle ${nextIssue.perSecond}); history events per cycle: ${figures.historyEventsPerCycle.max}; worker RSS peak ${figures.workerRssMiB.peak} MiB`);
  } finally {
    const running = children.filter((child) => child.exitCode === null && child.spawnargs.some((arg) => arg.endsWith('main.ts')));
    if (CPU_PROFILE_DIR) {
      // A graceful stop, so that V8 writes the profiles.
      const exited = Promise.all(running.map((worker) => new Promise((resolve) => worker.once('exit', resolve))));
      for (const worker of running) worker.kill('SIGTERM');
      await Promise.race([exited, sleep(60_000)]);
    }
    for (const child of children.reverse()) child.kill('SIGKILL');
    await postgres.stop();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(pgDir, { recursive: true, force: true });
  }
}

/** Phase figures from the rows' `created_at` (first to last row), with each process's CPU over that span. */
async function phase(
  dataSource: { query: (sql: string) => Promise<Array<{ n: string; first: Date; last: Date }>> },
  sql: string,
  cpu: CpuRecorder,
): Promise<PhaseFigures> {
  const [row] = await dataSource.query(sql);
  const count = Number(row.n);
  const seconds = count > 1 ? (row.last.getTime() - row.first.getTime()) / 1000 : 0;
  return {
    count,
    seconds: Number(seconds.toFixed(2)),
    perSecond: seconds > 0 ? Math.round(count / seconds) : count,
    cpuMsPerItem: count > 1 ? cpu.perItem(row.first.getTime(), row.last.getTime(), count) : undefined,
  };
}

/** Waits until the query counts every subscription, then measures it. */
async function waitFor(dataSource: Parameters<typeof phase>[0], sql: string, cpu: CpuRecorder): Promise<PhaseFigures> {
  for (;;) {
    const figures = await phase(dataSource, sql, cpu);
    if (figures.count >= SUBSCRIPTIONS) return figures;
    await sleep(250);
  }
}

interface SeededSubscription {
  tenantId: string;
  customerId: string;
  subscriptionId: string;
  packageId: string;
}

/** One tenant, one Rp 100.000 package, N customers (WhatsApp consent) with one subscription each. */
async function seed(dataSource: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<SeededSubscription[]> {
  const [tenant] = (await dataSource.query(`INSERT INTO tenants (business_name, kind) VALUES ('Bench Net', 'mitra') RETURNING id`)) as Array<{ id: string }>;
  const [pkg] = (await dataSource.query(
    `INSERT INTO packages (tenant_id, name, speed, price) VALUES ($1, 'Paket Rumah', '20 Mbps', 100000) RETURNING id`, [tenant.id],
  )) as Array<{ id: string }>;
  await dataSource.query(
    `INSERT INTO customers (tenant_id, code, name, phone, register_date, whatsapp_consent)
     SELECT $1, 'C-' || g, 'Pelanggan ' || g, '62812' || lpad(g::text, 8, '0'), '2026-01-01', true FROM generate_series(1, $2) g`,
    [tenant.id, SUBSCRIPTIONS],
  );
  return (await dataSource.query(
    `INSERT INTO subscriptions (tenant_id, customer_id, package_id, billing_day, started_on, pppoe_username)
     SELECT tenant_id, id, $2, ${BILLING_DAY}, '2026-01-01', 'pppoe-' || code FROM customers WHERE tenant_id = $1
     RETURNING tenant_id AS "tenantId", customer_id AS "customerId", id AS "subscriptionId", package_id AS "packageId"`,
    [tenant.id, pkg.id],
  )) as SeededSubscription[];
}

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
