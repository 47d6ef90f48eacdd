/**
 * Billing benchmark: `node -r @swc-node/register bench/billing/run.ts [--subscriptions N] [--concurrency C] [--lean-vm] [--cache N]
 * [--threads N] [--workers N] [--issue-only] [--cpu-prof DIR]`.
 *
 * Embedded PostgreSQL (in this process's child), the embedded Temporal server in test-server form (its own
 * process; time skipping only while this script lets it) and worker processes with the real worker app's settings.
 * N subscriptions share billing day 5, so all their invoices are issued at the same H-1 06:00 WIB. Two contenders
 * run over the same N, each on a fresh server of its own and its own `--workers N` processes, phase by phase in
 * turns (floor, Lunas, floor, Lunas…) so that both see the same machine:
 *   - the floor: `floor.workflow.ts` — one billing cycle's commands at the SDK level with activities that return at
 *     once (`floor-worker.ts`, same task queue, cache, threads and VM preload);
 *   - Lunas: `subscriptionWorkflow` on the real worker app (`apps/worker/src/main.ts`, real activities, PostgreSQL
 *     over its Unix socket).
 * Phases, each measured from its first to its last item (Lunas: the rows' `created_at`; the floor: when its
 * activities ran), in real time (virtual time only jumps while nothing is runnable):
 *   1. issue: N invoices (issueInvoice);
 *   2. notice: N `invoice_issued` messages at 08:00 WIB;
 *   3. pay: N `paymentReceived` signals → applyPayment + receipt;
 *   4. next cycle: continue-as-new at the next issue time and N invoices of the next period.
 * Per phase it prints the floor's cycles/s, Lunas's items/s, their ratio with its verdict (target ≥ 0.8) and the CPU
 * milliseconds per item of each process; every phase must count exactly N items (nothing lost, nothing doubled).
 * `--issue-only` stops after phase 2. `--cpu-prof DIR` writes V8 CPU profiles of the workers' threads into DIR.
 * `--lean-vm` preloads the workers with `apps/worker/src/temporal/lean-vm.preload.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '@lunas/testing';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode } from '@temporalio/worker';
import { BILLING_TASK_QUEUE, type PaymentReceived, paymentReceivedSignal, searchAttributeServerArgs, subscriptionWorkflowId } from '@lunas/contracts';
import { DEFAULT_DUNNING_POLICY, invoiceIssueTime, nextPeriod, nextSendWindowOpening, upcomingInvoicePeriod } from '@lunas/domain';
import { createDataSource, runMigrations, startEmbeddedPostgres } from '@lunas/persistence';
import { devServerBinPath } from '@lunas/devserver';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '../../apps/worker/src/temporal/workflow-bundle';
import { untilReady } from '../support/child-process';
import { cpuSeconds, rssMiB, treeCpuSeconds } from '../support/proc';
import { verdict } from '../support/verdict';
import { CpuRecorder } from './cpu-recorder';
import type { FloorCycleInput } from './floor.workflow';
import type { FloorPhase, FloorTimeline } from './floor-worker';

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
/** Workers' sticky cache (`TEMPORAL_MAX_CACHED_WORKFLOWS`); 0 keeps the worker's default. */
const CACHE = option('cache', 0);
/** Worker processes on the task queue, each with its own cache (the figures sum their CPU and RSS). */
const WORKERS = option('workers', 1);
/** Workers' workflow threads (`TEMPORAL_WORKFLOW_THREADS`); 0 keeps the worker's default (1). */
const THREADS = option('threads', 0);
const CPU_PROFILE_DIR = args.includes('--cpu-prof') ? path.resolve(args[args.indexOf('--cpu-prof') + 1]) : undefined;
const BILLING_DAY = 5;
const HISTORY_SAMPLE = 10;
/** Lunas ≥ this × the floor, in every phase (issue 24). */
const RATIO_TARGET = 0.8;
/** The floor's stand-in for the next dunning step after the notice (the default policy's next step is ~25 h later). */
const FLOOR_STEP_DELAY_MS = 25 * 3_600_000;

const PHASES: readonly FloorPhase[] = ['issue', 'notice', 'pay', 'nextIssue'];
type Phase = FloorPhase;

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns a process (with an IPC channel) and resolves when its output contains `ready`. */
function launch(command: string, argv: string[], env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  return untilReady(child, ready, path.basename(argv[argv.length - 1] ?? command));
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** How many items a phase counted, and when its first and last ran (epoch ms). */
interface Span {
  count: number;
  first: number;
  last: number;
}

interface PhaseFigures {
  count: number;
  seconds: number;
  perSecond: number;
  /** CPU milliseconds per item of each process (interpolated from the samples over the phase's first to last item). */
  cpuMsPerItem?: Record<string, number>;
}

/** The instants of the measured cycle, from the server's clock when the contender starts. */
interface CycleTimes {
  now: number;
  issueAt: number;
  noticeAt: number;
  nextIssueAt: number;
  periodKey: string;
  nextPeriodKey: string;
}

/** What differs between the floor and Lunas; the rest of a measurement is the same for both. */
interface Contender {
  name: 'floor' | 'lunas';
  /** Worker entry script and the arguments after it. */
  worker: string[];
  workerEnv: NodeJS.ProcessEnv;
  workerReady: string;
  start(client: Client, row: SeededSubscription, times: CycleTimes): Promise<{ workflowId: string; runId: string }>;
  span(phase: Phase, times: CycleTimes, workers: ChildProcess[]): Promise<Span>;
  payments(rows: SeededSubscription[], times: CycleTimes): Promise<Array<{ workflowId: string; payment: PaymentReceived }>>;
  /** Throws unless the run's own records add up (nothing lost or doubled beyond the phases' counts). */
  check(): Promise<void>;
}

interface ContenderFigures {
  startsPerSecond: number;
  phases: Partial<Record<Phase, PhaseFigures>>;
  /** Event types of the first run's history (one cycle, closed by continue-as-new), of the sampled workflows. */
  historyEvents: { min: number; max: number; types: Record<string, number> };
  workerRssMiB: { peak: number; end: number };
}

/** What the benchmark needs of a TypeORM data source; rows are typed where they are read. */
type Queryable = { query: <T>(sql: string, params?: unknown[]) => Promise<T[]> };

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'lunas-bench-billing-'));
  const pgDir = mkdtempSync(path.join(tmpdir(), 'lunas-bench-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort(), durable: false, database: 'lunas_bench' });
  try {
    const dataSource = await createDataSource(postgres.url, { poolSize: 4, logging: false }).initialize();
    await runMigrations(dataSource);
    const rows = await seed(dataSource);
    log(`seeded ${SUBSCRIPTIONS} subscriptions (billing day ${BILLING_DAY})`);
    const bundles = {
      lunas: await bundle(tmp, 'workflows.js', WORKFLOWS_PATH),
      floor: await bundle(tmp, 'floor.js', require.resolve('./floor.workflow')),
    };
    const postmasterPid = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const workerEnv = {
      DATABASE_URL: postgres.socketUrl ?? postgres.url, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'info', NODE_ENV: 'development',
      ...(CACHE > 0 ? { TEMPORAL_MAX_CACHED_WORKFLOWS: String(CACHE) } : {}),
      ...(THREADS > 0 ? { TEMPORAL_WORKFLOW_THREADS: String(THREADS) } : {}),
    };

    const children: ChildProcess[] = [];
    let floor: ContenderFigures;
    let lunas: ContenderFigures;
    try {
      const runs = [
        await ContenderRun.open(floorContender(bundles.floor, workerEnv), rows, postmasterPid, children),
        await ContenderRun.open(lunasContender(bundles.lunas, workerEnv, dataSource), rows, postmasterPid, children),
      ];
      // Each phase in turns, floor then Lunas, so that both see the same machine.
      for (const run of runs) await run.issueAndNotice();
      if (!ISSUE_ONLY) {
        for (const run of runs) await run.pay(rows);
        for (const run of runs) await run.nextIssue();
      }
      [floor, lunas] = [await runs[0].close(), await runs[1].close()];
    } finally {
      await stopAll(children);
    }
    await dataSource.destroy();

    const phases = PHASES.filter((name) => floor.phases[name] && lunas.phases[name]).map((name) => {
      const [f, l] = [floor.phases[name] as PhaseFigures, lunas.phases[name] as PhaseFigures];
      return { phase: name, floorPerSecond: f.perSecond, lunasPerSecond: l.perSecond, workerCpuMsPerItem: { floor: f.cpuMsPerItem?.['worker'], lunas: l.cpuMsPerItem?.['worker'] }, verdict: verdict(l.perSecond, f.perSecond, '≥', RATIO_TARGET).line };
    });
    const sameShape = JSON.stringify(floor.historyEvents.types) === JSON.stringify(lunas.historyEvents.types);
    log(JSON.stringify({
      subscriptions: SUBSCRIPTIONS,
      workerVm: LEAN_VM ? 'lean (no deadlock watchdog)' : 'stock',
      workerCache: CACHE > 0 ? CACHE : 'default (2000)',
      workflowThreads: THREADS > 0 ? THREADS : 'default (1)',
      workers: WORKERS,
      cpus: cpus().length,
      loadAverage: loadavg().map((value) => value.toFixed(1)).join(' '),
      floor, lunas,
      cycleHistory: sameShape ? 'floor and Lunas record the same event types per cycle' : 'floor and Lunas differ (see historyEvents.types)',
    }, null, 2));
    for (const row of phases) {
      log(`${row.phase.padEnd(9)} floor ${String(row.floorPerSecond).padStart(5)}/s  Lunas ${String(row.lunasPerSecond).padStart(5)}/s  worker CPU ms per item floor ${row.workerCpuMsPerItem.floor} / Lunas ${row.workerCpuMsPerItem.lunas}  ${row.verdict}`);
    }
  } finally {
    await postgres.stop();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(pgDir, { recursive: true, force: true });
  }
}

async function bundle(dir: string, name: string, workflowsPath: string): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, (await bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, logger: quiet })).code);
  return file;
}

/**
 * One contender over all subscriptions, on a fresh test server with its own worker processes (added to `children`,
 * which the caller stops). `main` runs the two contenders' phases in turns (floor, Lunas), so that both see the same
 * machine, as the other benchmarks interleave theirs.
 */
class ContenderRun {
  private readonly phases: Partial<Record<Phase, PhaseFigures>> = {};
  private peakRss: number;
  private readonly sampler: NodeJS.Timeout;

  private constructor(
    private readonly contender: Contender,
    private readonly workers: ChildProcess[],
    private readonly connection: Connection,
    private readonly cpu: CpuRecorder,
    private readonly times: CycleTimes,
    private readonly runs: Array<{ workflowId: string; runId: string }>,
    private readonly startsPerSecond: number,
  ) {
    this.peakRss = this.workersRss();
    this.sampler = setInterval(() => (this.peakRss = Math.max(this.peakRss, this.workersRss())), 500);
  }

  static async open(contender: Contender, rows: SeededSubscription[], postmasterPid: number, children: ChildProcess[]): Promise<ContenderRun> {
    const temporalPort = await freePort();
    const server = await launch(devServerBinPath(), [String(temporalPort), ...searchAttributeServerArgs()], {}, 'listening');
    children.push(server);
    const address = `127.0.0.1:${temporalPort}`;
    const [entry, ...entryArgs] = contender.worker;
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => launch(
      process.execPath,
      [
        ...(CPU_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROFILE_DIR] : []),
        '-r', '@swc-node/register', ...(LEAN_VM ? ['-r', path.join(ROOT, 'apps/worker/src/temporal/lean-vm.preload.ts')] : []), entry, ...entryArgs,
      ],
      { ...contender.workerEnv, TEMPORAL_ADDRESS: address },
      contender.workerReady,
    )));
    children.push(...workers);
    const cpu = new CpuRecorder({
      worker: () => workers.reduce((sum, worker) => sum + cpuSeconds(worker.pid ?? 0), 0),
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
    const times = cycleTimes(await serverNow(connection));
    const startedAt = Date.now();
    const runs: Array<{ workflowId: string; runId: string }> = [];
    await pool(rows, CONCURRENCY, async (row) => runs.push(await contender.start(client, row, times)));
    const startsPerSecond = Math.round(SUBSCRIPTIONS / ((Date.now() - startedAt) / 1000));
    log(`${contender.name}: started ${SUBSCRIPTIONS} workflows (${startsPerSecond}/s)`);
    return new ContenderRun(contender, workers, connection, cpu, times, runs, startsPerSecond);
  }

  /** 1 + 2: the issue time, then the send window opening, then stop skipping (half an hour later). */
  async issueAndNotice(): Promise<void> {
    await this.skipUntil(this.times.noticeAt + 30 * 60_000);
    await this.measure('issue', this.span('issue'));
    await this.measure('notice', this.span('notice'));
  }

  /** 3: everybody pays in full. */
  async pay(rows: SeededSubscription[]): Promise<void> {
    const client = new Client({ connection: this.connection });
    const payments = await this.contender.payments(rows, this.times);
    await pool(payments, CONCURRENCY, ({ workflowId, payment }) => client.workflow.getHandle(workflowId).signal(paymentReceivedSignal, payment));
    await this.measure('pay', settled(() => this.span('pay')));
  }

  /** 4: the next issue time: continue-as-new, then the next invoice; then the contender's own records are checked. */
  async nextIssue(): Promise<void> {
    await this.skipUntil(this.times.nextIssueAt + 30 * 60_000);
    await this.measure('nextIssue', this.span('nextIssue'));
    await this.contender.check();
  }

  async close(): Promise<ContenderFigures> {
    clearInterval(this.sampler);
    this.cpu.stop();
    const endRss = this.workersRss();
    const client = new Client({ connection: this.connection });
    const historyEvents = ISSUE_ONLY ? { min: 0, max: 0, types: {} } : await cycleHistory(client, this.runs.slice(0, HISTORY_SAMPLE));
    await this.connection.close();
    return { startsPerSecond: this.startsPerSecond, phases: this.phases, historyEvents, workerRssMiB: { peak: Math.round(this.peakRss), end: Math.round(endRss) } };
  }

  private workersRss(): number {
    return this.workers.reduce((sum, worker) => sum + rssMiB(worker.pid ?? 0), 0);
  }

  private span(phase: Phase): Promise<Span> {
    return this.contender.span(phase, this.times, this.workers);
  }

  private async skipUntil(target: number): Promise<void> {
    const duration = msToTs(Math.max(0, target - (await serverNow(this.connection))));
    await this.connection.testService?.unlockTimeSkippingWithSleep({ duration });
  }

  /** The phase's figures, once it counts exactly one item per subscription. */
  private async measure(phase: Phase, counted: Promise<Span>): Promise<void> {
    const span = await counted;
    if (span.count !== SUBSCRIPTIONS) throw new Error(`${this.contender.name} ${phase}: ${span.count} items for ${SUBSCRIPTIONS} subscriptions`);
    const seconds = (span.last - span.first) / 1000;
    this.phases[phase] = {
      count: span.count,
      seconds: Number(seconds.toFixed(2)),
      perSecond: seconds > 0 ? Math.round(span.count / seconds) : span.count,
      cpuMsPerItem: this.cpu.perItem(span.first, span.last, span.count),
    };
    log(`${this.contender.name}: ${phase} ${this.phases[phase]?.perSecond}/s`);
  }
}

async function serverNow(connection: Connection): Promise<number> {
  const testService = connection.testService;
  if (!testService) throw new Error('the dev server has no TestService');
  const { time } = await testService.getCurrentTime({});
  return Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);
}

/** Stops the benchmark's processes (gracefully first under `--cpu-prof`, so that V8 writes the workers' profiles). */
async function stopAll(children: ChildProcess[]): Promise<void> {
  if (CPU_PROFILE_DIR) {
    const running = children.filter((child) => child.exitCode === null && child.spawnfile === process.execPath);
    const exited = Promise.all(running.map((worker) => new Promise((resolve) => worker.once('exit', resolve))));
    for (const worker of running) worker.kill('SIGTERM');
    await Promise.race([exited, sleep(60_000)]);
  }
  for (const child of [...children].reverse()) child.kill('SIGKILL');
}

function cycleTimes(now: number): CycleTimes {
  const period = upcomingInvoicePeriod(BILLING_DAY, now);
  const next = nextPeriod(period);
  const issueAt = invoiceIssueTime(period);
  return {
    now, issueAt, noticeAt: nextSendWindowOpening(issueAt, DEFAULT_DUNNING_POLICY.sendWindow), nextIssueAt: invoiceIssueTime(next),
    periodKey: period.key, nextPeriodKey: next.key,
  };
}

/** Polls the span until it counts every subscription and stays so for a second (so that a doubled item shows). */
async function settled(read: () => Promise<Span>): Promise<Span> {
  for (;;) {
    const span = await read();
    if (span.count >= SUBSCRIPTIONS) {
      await sleep(1_000);
      return read();
    }
    await sleep(250);
  }
}

/** Event counts (per type) of the sampled first runs; all must record the same cycle. */
async function cycleHistory(client: Client, runs: Array<{ workflowId: string; runId: string }>): Promise<ContenderFigures['historyEvents']> {
  const histories = await Promise.all(runs.map(async ({ workflowId, runId }) => (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? []));
  const types: Record<string, number> = {};
  for (const event of histories[0] ?? []) {
    const type = temporal.api.enums.v1.EventType[event.eventType ?? 0].replace('EVENT_TYPE_', '');
    types[type] = (types[type] ?? 0) + 1;
  }
  const lengths = histories.map((events) => events.length);
  return { min: Math.min(...lengths), max: Math.max(...lengths), types };
}

function floorContender(bundlePath: string, workerEnv: NodeJS.ProcessEnv): Contender {
  const workflowId = (row: SeededSubscription) => `billing-floor-${row.subscriptionId}`;
  return {
    name: 'floor',
    worker: [path.join(__dirname, 'floor-worker.ts'), bundlePath],
    workerEnv,
    workerReady: 'ready',
    start: async (client, row, times) => {
      const input: FloorCycleInput = {
        subscriptionId: row.subscriptionId, cycle: 0, issueAt: times.issueAt, nextIssueAt: times.nextIssueAt,
        noticeDelayMs: times.noticeAt - times.issueAt, stepDelayMs: FLOOR_STEP_DELAY_MS,
      };
      const handle = await client.workflow.start('billingFloorWorkflow', { taskQueue: BILLING_TASK_QUEUE, workflowId: workflowId(row), args: [input] });
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    },
    span: async (phase, _times, workers) => {
      const timelines = await Promise.all(workers.map((worker) => ask(worker)));
      const entries = timelines.map((timeline) => timeline[phase]).filter((entry) => entry !== undefined);
      return {
        count: entries.reduce((sum, entry) => sum + entry.count, 0),
        first: Math.min(...entries.map((entry) => entry.first)),
        last: Math.max(...entries.map((entry) => entry.last)),
      };
    },
    payments: async (rows, times) => rows.map((row) => ({
      workflowId: workflowId(row),
      payment: { paymentId: `bench-floor-${row.subscriptionId}`, invoiceId: `floor-${row.subscriptionId}`, amount: 111_000, paidAt: times.now, source: 'gateway' },
    })),
    check: async () => undefined,
  };
}

/** The floor worker's timeline, over its IPC channel. */
function ask(worker: ChildProcess): Promise<FloorTimeline> {
  return new Promise((resolve) => {
    worker.once('message', (timeline) => resolve(timeline as FloorTimeline));
    worker.send('timeline');
  });
}

function lunasContender(bundlePath: string, workerEnv: NodeJS.ProcessEnv, db: Queryable): Contender {
  const rowsOf = async (sql: string, params: unknown[]): Promise<Span> => {
    const [row] = await db.query<{ n: string; first: Date | null; last: Date | null }>(`SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM ${sql}`, params);
    return { count: Number(row.n), first: row.first?.getTime() ?? 0, last: row.last?.getTime() ?? 0 };
  };
  return {
    name: 'lunas',
    worker: [path.join(ROOT, 'apps/worker/src/main.ts')],
    // Over the Unix socket, as `npm start` connects its worker to the embedded PostgreSQL.
    workerEnv: { ...workerEnv, WORKFLOW_BUNDLE_PATH: bundlePath },
    workerReady: 'Worker polling task queue',
    start: async (client, row) => {
      const handle = await client.workflow.start('subscriptionWorkflow', {
        taskQueue: BILLING_TASK_QUEUE,
        workflowId: subscriptionWorkflowId(row.tenantId, row.subscriptionId),
        args: [{ subscription: { tenantId: row.tenantId, subscriptionId: row.subscriptionId, customerId: row.customerId, billingDay: BILLING_DAY }, packageId: row.packageId, policy: DEFAULT_DUNNING_POLICY }],
      });
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    },
    span: (phase, times) => {
      switch (phase) {
        case 'issue': return rowsOf('invoices WHERE period = $1', [times.periodKey]);
        case 'notice': return rowsOf('notification_log WHERE template = $1', ['invoice_issued']);
        case 'pay': return rowsOf('notification_log WHERE template = $1', ['payment_received']);
        case 'nextIssue': return rowsOf('invoices WHERE period = $1', [times.nextPeriodKey]);
      }
    },
    payments: async (_rows, times) => {
      const invoices: Array<{ id: string; subscription_id: string; tenant_id: string; total: string }> = await db.query(
        `SELECT id, subscription_id, tenant_id, total FROM invoices WHERE period = $1`, [times.periodKey],
      );
      return invoices.map((invoice) => ({
        workflowId: subscriptionWorkflowId(invoice.tenant_id, invoice.subscription_id),
        payment: { paymentId: `bench-${invoice.id}`, invoiceId: invoice.id, amount: Number(invoice.total), paidAt: times.now, source: 'gateway' },
      }));
    },
    check: async () => {
      const [row] = await db.query<Record<'payments' | 'invoices' | 'messages' | 'unpaid', string>>(
        `SELECT (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM invoices) AS invoices,
                (SELECT count(*) FROM notification_log) AS messages, (SELECT count(*) FROM invoices WHERE status <> 'paid' AND period = (SELECT min(period) FROM invoices)) AS unpaid`,
      );
      const expected = { payments: SUBSCRIPTIONS, invoices: 2 * SUBSCRIPTIONS, messages: 2 * SUBSCRIPTIONS, unpaid: 0 };
      const actual = { payments: Number(row.payments), invoices: Number(row.invoices), messages: Number(row.messages), unpaid: Number(row.unpaid) };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`lunas records: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    },
  };
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
