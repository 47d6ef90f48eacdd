/**
 * Webhook intake benchmark: 200 requests/s for 60 s (10 % redeliveries of earlier events) against the
 * real API, the embedded PostgreSQL and the embedded Temporal dev server, with one recording workflow per
 * subscription, and the same load against the floor (`floor-server.ts`: a bare `node:http` server doing only the
 * intake's essential work), in turns Lunas, floor, Lunas, floor (30 s each). Prints the intake latency of both,
 * the ratio of their p99 with its verdict (target ≤ 1.5), duplicate payments and webhook → workflow-state latency.
 * The API, the booking process (with `BENCH_PAYMENT_BOOKING=separate`, the default), the floor, the dev server and the
 * recording worker (`recorder-worker.ts`) each run in their own process,
 * as in production; this process only generates load and times the answers.
 *
 *   npm run bench:webhooks            (or: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/webhooks/main.ts)
 *   BENCH_RATE=200 BENCH_SECONDS=60 BENCH_DUPLICATES=0.1 BENCH_WARMUP_SECONDS=10 BENCH_PAYMENT_BOOKING=separate|api
 *   BENCH_LUNAS_NODE_OPTIONS=… (V8 flags of the API and booking processes)
 *
 * Before the measured turns, both servers get BENCH_WARMUP_SECONDS of the same signed load (real payments of invoices
 * kept apart for it), and the run waits until Lunas has booked and forwarded all of it: the first request's JIT, the
 * pools' connects and the booking path's first batches are not counted in either side's figures.
 */
import { Client, Connection } from '@temporalio/client';
import { subscriptionWorkflowId } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import { signSandboxPayload } from '@lunas/payments';
import { createDataSource, runMigrations, seedDatabase, startEmbeddedPostgres } from '@lunas/persistence';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { freePort } from '@lunas/testing';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { recordedPaymentsQuery } from './recorder.workflow';
import { untilReady } from '../support/child-process';
import { verdict } from '../support/verdict';
import { cpuSeconds, treeCpuSeconds } from '../support/proc';

const ROOT = join(__dirname, '../..');
const RATE = Number(process.env['BENCH_RATE'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
const DUPLICATE_SHARE = Number(process.env['BENCH_DUPLICATES'] ?? 0.1);
/** Seconds of signed load (same rate, real payments) sent to each server before the measured turns, not measured. */
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 10);
/**
 * Where Lunas books and signals (`LUNAS_PAYMENT_BOOKING`): `separate` (default) — the booking process
 * (`apps/api/src/booking-main.ts`) next to the API; `api` — in the API process, after the answer.
 */
const PAYMENT_BOOKING = process.env['BENCH_PAYMENT_BOOKING'] ?? 'separate';
/** Extra `NODE_OPTIONS` of the API and booking processes (V8 heap flags, say); none by default. */
const LUNAS_NODE_OPTIONS = process.env['BENCH_LUNAS_NODE_OPTIONS'] ?? '';
/** Invoices per subscription: one subscription workflow receives this many payments. */
const PERIODS = 12;
const SECRET = 'bench-sandbox-secret';
/** Target: Lunas's intake p99 at most this multiple of the floor's p99 (issue 24). */
const INTAKE_P99_RATIO_TARGET = 1.5;

async function waitForPort(port: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Keep-alive connections for the load: `node:http` costs the generator ~0.3 ms CPU per request here
 * against ~1.1 ms for `fetch` (undici), CPU the API, PostgreSQL and Temporal share on the same 2 cores.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs a JSON body; resolves with the status and body once the whole answer has arrived. */
function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One tenant, `count` subscriptions with PERIODS unpaid invoices each (numbers BENCH-<sub>-<period>). */
async function createInvoices(ds: DataSource, count: number): Promise<Array<{ invoiceId: string; number: string; amount: number; subscriptionId: string; tenantId: string }>> {
  return ds.query(`
    WITH t AS (INSERT INTO tenants (business_name, kind) VALUES ('Bench ' || gen_random_uuid(), 'mitra') RETURNING id),
    p AS (INSERT INTO packages (tenant_id, name, speed, price) SELECT id, 'Paket Bench', '20 Mbps', 150000 FROM t RETURNING id, tenant_id),
    c AS (INSERT INTO customers (tenant_id, code, name, phone, register_date)
          SELECT p.tenant_id, 'B-' || g, 'Pelanggan ' || g, '6281200000000', '2026-01-01' FROM p, generate_series(1, $1) g RETURNING id, tenant_id, code),
    s AS (INSERT INTO subscriptions (tenant_id, customer_id, package_id, billing_day, started_on)
          SELECT c.tenant_id, c.id, p.id, 5, '2026-01-01' FROM c, p RETURNING id, tenant_id, customer_id)
    INSERT INTO invoices (tenant_id, subscription_id, customer_id, number, period, period_start, period_end, issued_at, due_at,
                          subtotal, dpp, ppn_rate, ppn_amount, total, receipt_token)
    SELECT s.tenant_id, s.id, s.customer_id, 'BENCH-' || left(s.id::text, 8) || '-' || m, '2027-' || lpad(m::text, 2, '0'),
           make_date(2027, m, 5), make_date(2027, m, 28), now(), now() + interval '1 day', 150000, 150000, 0.11, 16500, 166500,
           md5(random()::text || clock_timestamp()::text || m)
      FROM s, generate_series(1, $2) m
    RETURNING id AS "invoiceId", number, total::int AS amount, subscription_id AS "subscriptionId", tenant_id AS "tenantId"`, [count, PERIODS]);
}

/**
 * One single-row autocommit insert into the inbox table, timed (stamped booked, so the API's processor leaves it
 * alone).
 */
async function timedBareInsert(ds: DataSource): Promise<number> {
  const t0 = performance.now();
  await ds.query(`INSERT INTO payment_events (gateway, event_id, raw_body, headers, booked_at) VALUES ('bench', $1, '{}', '{}', now())`, [randomUUID()]);
  return performance.now() - t0;
}

interface SignedNotification {
  body: string;
  signature: string;
}

/** A signed sandbox `payment.paid` notification of one invoice, as the gateway would send it. */
function paidNotification(invoice: { number: string; amount: number }): SignedNotification {
  const now = new Date();
  const body = JSON.stringify({
    id: `evt_${randomUUID()}`, type: 'payment.paid', created_at: now.toISOString(),
    data: { reference: `SBX-${randomUUID()}`, order_id: invoice.number, status: 'paid', method: 'va', amount: invoice.amount, updated_at: now.toISOString() },
  });
  return { body, signature: signSandboxPayload(body, SECRET, now) };
}

interface LoadFigures {
  latencies: number[];
  failures: number;
  seconds: number;
}

/**
 * `requests` POSTs to `url` at RATE per second, open loop; a share DUPLICATE_SHARE of them (and every one after
 * `fresh` runs out) redelivers an earlier notification of this load.
 */
async function drive(url: string, requests: number, fresh: () => SignedNotification | undefined): Promise<LoadFigures> {
  const sent: SignedNotification[] = [];
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let failures = 0;
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const wait = started + (i * 1000) / RATE - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const next = sent.length > 0 && Math.random() < DUPLICATE_SHARE ? undefined : fresh();
    const request = next ?? sent[Math.floor(Math.random() * sent.length)];
    if (next) sent.push(next);
    const t0 = performance.now();
    inFlight.push(
      post(url, request.body, { 'x-lunas-signature': request.signature }).then(
        (response) => {
          latencies.push(performance.now() - t0);
          if (response.status !== 200 && failures++ === 0) console.error(`first failure (${url}): HTTP ${response.status} ${response.body}`);
        },
        (error: Error) => {
          if (failures++ === 0) console.error(`first failure (${url}): ${error.message}`);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies, failures, seconds: (performance.now() - started) / 1000 };
}

/**
 * A server's event loop delay since the previous read: the API's prom-client `monitorEventLoopDelay` (reset at each
 * scrape of `/metrics`), the floor's own. Both include time the process waited for a core, so only their difference
 * is the API's own stalls.
 */
interface LoopDelay {
  p99: number;
  max: number;
  /** Garbage collection pauses since the process started, ms (the API's prom-client `nodejs_gc_duration_seconds`; NaN for the floor). */
  gcMs: number;
}

async function loopDelayOf(base: string): Promise<LoopDelay> {
  const text = await fetch(`${base}/metrics`).then((response) => response.text());
  const seconds = (name: string) => Number(new RegExp(`^lunas_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const gcSeconds = [...text.matchAll(/^lunas_nodejs_gc_duration_seconds_sum\{kind="\w+"\} (\S+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
  return { p99: seconds('p99') * 1000, max: seconds('max') * 1000, gcMs: text.includes('nodejs_gc_duration') ? gcSeconds * 1000 : NaN };
}

/** Waits (at most `timeoutMs`) until every inbox row is booked and every payment signal forwarded. */
async function drained(ds: DataSource, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pending: Array<{ n: number }> = await ds.query(
      `SELECT ((SELECT count(*) FROM payment_signals WHERE status = 'pending')
            + (SELECT count(*) FROM payment_events WHERE booked_at IS NULL AND status = 'pending'))::int AS n`,
    );
    if (pending[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<void> {
  const total = RATE * SECONDS;
  const unique = Math.ceil(total * (1 - DUPLICATE_SHARE));
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    console.log(`bench/webhooks: ${RATE} req/s × ${SECONDS} s = ${total} requests, ${Math.round(DUPLICATE_SHARE * 100)} % redeliveries, payment booking: ${PAYMENT_BOOKING}${LUNAS_NODE_OPTIONS ? `, Lunas NODE_OPTIONS ${LUNAS_NODE_OPTIONS}` : ''}`);
    const dataDir = mkdtempSync(join(tmpdir(), 'lunas-bench-pg-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), durable: true });
    cleanups.push(() => pg.stop());
    const ds = await createDataSource(pg.url, { logging: ['error'] }).initialize();
    cleanups.push(() => ds.destroy());
    await runMigrations(ds);
    await seedDatabase(ds, { env: { NODE_ENV: 'development' } });
    const warmupRequests = RATE * WARMUP_SECONDS;
    const seeded = await createInvoices(ds, Math.ceil((unique + warmupRequests) / PERIODS));
    // The warm-up pays whole subscriptions of its own, so that the measured payments' workflows start cold of it.
    const warmupSubscriptions = new Set([...new Set(seeded.map((invoice) => invoice.subscriptionId))].slice(0, Math.ceil(warmupRequests / PERIODS)));
    const warmupInvoices = seeded.filter((invoice) => warmupSubscriptions.has(invoice.subscriptionId));
    const invoices = seeded.filter((invoice) => !warmupSubscriptions.has(invoice.subscriptionId));

    // The dev server runs in its own process, like in `npm start`, so it does not share the load generator's event loop.
    const temporalPort = await freePort();
    const temporal = { address: `127.0.0.1:${temporalPort}` };
    const temporalServer = spawn(process.execPath, [devServerBinPath(), 'server', 'start-dev', '--port', String(temporalPort), '--headless', '--log-level', 'error'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    cleanups.push(async () => {
      temporalServer.kill('SIGTERM');
      await new Promise((resolve) => temporalServer.once('exit', resolve));
    });
    await waitForPort(temporalPort);
    const connection = await Connection.connect({ address: temporal.address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection });
    const taskQueue = 'bench-webhooks';
    const worker = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'recorder-worker.ts'), temporal.address, taskQueue], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(async () => {
      if (worker.exitCode !== null || worker.signalCode !== null) return;
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    });
    await untilReady(worker, 'ready', 'the recorder worker');
    const workflowIds = [...new Set(seeded.map((invoice) => subscriptionWorkflowId(invoice.tenantId, invoice.subscriptionId)))];
    for (const workflowId of workflowIds) await client.workflow.start('benchRecorderWorkflow', { taskQueue, workflowId });

    const apiPort = await freePort();
    const paymentsConfig = JSON.stringify({ default: { gateway: 'sandbox', baseUrl: `http://127.0.0.1:${apiPort}`, secret: SECRET } });
    const lunasEnv = {
      ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), NODE_ENV: 'development', PORT: String(apiPort), DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address, LOG_LEVEL: 'warn', LUNAS_PAYMENTS_CONFIG: paymentsConfig, LUNAS_PAYMENT_BOOKING: PAYMENT_BOOKING,
      NODE_OPTIONS: [process.env['NODE_OPTIONS'], LUNAS_NODE_OPTIONS].filter(Boolean).join(' '),
    };
    const api = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], { cwd: ROOT, env: lunasEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    cleanups.push(async () => {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    });
    let booking: ReturnType<typeof spawn> | undefined;
    if (PAYMENT_BOOKING === 'separate') {
      booking = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/booking-main.ts')], { cwd: ROOT, env: lunasEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      const started = booking;
      cleanups.push(async () => {
        if (started.exitCode !== null || started.signalCode !== null) return;
        started.kill('SIGTERM');
        await new Promise((resolve) => started.once('exit', resolve));
      });
      await untilReady(booking, 'ready', 'the booking process');
    }
    cleanups.push(async () => agent.destroy());
    const url = `http://127.0.0.1:${apiPort}/webhooks/sandbox`;
    for (let ready = false; !ready; ) {
      if (api.exitCode !== null || api.signalCode !== null) throw new Error(`the API exited before it was ready (${api.exitCode ?? api.signalCode})`);
      ready = await fetch(`http://127.0.0.1:${apiPort}/health`).then((r) => r.status < 500, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const floorPort = await freePort();
    const floorServer = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'floor-server.ts')], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), PORT: String(floorPort), DATABASE_URL: pg.url, LUNAS_PAYMENTS_CONFIG: paymentsConfig },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(async () => {
      if (floorServer.exitCode !== null || floorServer.signalCode !== null) return;
      floorServer.kill('SIGTERM');
      await new Promise((resolve) => floorServer.once('exit', resolve));
    });
    await untilReady(floorServer, 'ready', 'the floor server');
    const floorUrl = `http://127.0.0.1:${floorPort}/webhooks/sandbox`;

    // Warm-up with the measured load's shape (signed, real payments, redeliveries) on both servers — not measured.
    let warmupInvoice = 0;
    const warmupLunas = await drive(url, warmupRequests, () => {
      const invoice = warmupInvoices[warmupInvoice++];
      return invoice ? paidNotification(invoice) : undefined;
    });
    let warmupFloorEvents = 0;
    const warmupFloor = await drive(floorUrl, warmupRequests, () => paidNotification({ number: `FLOOR-WARMUP-${++warmupFloorEvents}`, amount: 166_500 }));
    await drained(ds, 60_000);
    console.log(`warm-up: ${warmupRequests} signed requests to each (${warmupInvoice} payments), p99 Lunas ${ms(percentile(warmupLunas.latencies, 99))}, floor ${ms(percentile(warmupFloor.latencies, 99))} (not measured)`);

    // Lunas (A) and the floor (B) in turns, A B A B, each half of its requests per turn, so that both see the same machine.
    const sentAt = new Map<string, number>();
    let nextInvoice = 0;
    const lunasEvent = () => {
      const invoice = invoices[nextInvoice++];
      if (!invoice) return undefined;
      sentAt.set(invoice.invoiceId, Date.now());
      return paidNotification(invoice);
    };
    let floorEvents = 0;
    const floorEvent = () => paidNotification({ number: `FLOOR-${++floorEvents}`, amount: 166_500 });
    const lunasTurns: LoadFigures[] = [];
    const floorTurns: LoadFigures[] = [];
    const loopDelays: LoopDelay[] = [];
    const floorLoopDelays: LoopDelay[] = [];
    // GC pause ms per request of the intake process during the Lunas turn.
    const apiGcPerRequest: number[] = [];
    const cpuMs = (pid: number | undefined) => (pid === undefined ? 0 : cpuSeconds(pid) * 1000);
    // Every process's CPU ms per request in each side's turns: the intake's, the booking process's and the floor's own, and what
    // each turn costs the whole machine (Lunas's booking, PostgreSQL and Temporal work included).
    const postmasterPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const machineCpuMs = (): Record<string, number> => {
      const generator = process.cpuUsage();
      return {
        API: cpuMs(api.pid), booking: cpuMs(booking?.pid), PostgreSQL: treeCpuSeconds(postmasterPid) * 1000, 'dev server': treeCpuSeconds(temporalServer.pid ?? 0) * 1000,
        'recorder worker': cpuMs(worker.pid), 'load generator': (generator.user + generator.system) / 1000, floor: cpuMs(floorServer.pid),
      };
    };
    const turnCpu = { lunas: [] as Array<Record<string, number>>, floor: [] as Array<Record<string, number>> };
    const cpuSince = (before: Record<string, number>, requests: number) => {
      const after = machineCpuMs();
      return Object.fromEntries(Object.entries(after).map(([name, value]) => [name, (value - before[name]) / requests]));
    };
    const apiBase = `http://127.0.0.1:${apiPort}`;
    const floorBase = `http://127.0.0.1:${floorPort}`;
    for (const turn of [1, 2]) {
      const requests = turn === 1 ? Math.floor(total / 2) : Math.ceil(total / 2);
      const gcBefore = (await loopDelayOf(apiBase)).gcMs;
      const lunasMachine0 = machineCpuMs();
      lunasTurns.push(await drive(url, requests, lunasEvent));
      turnCpu.lunas.push(cpuSince(lunasMachine0, requests));
      const afterTurn = await loopDelayOf(apiBase);
      loopDelays.push(afterTurn);
      apiGcPerRequest.push((afterTurn.gcMs - gcBefore) / requests);
      await loopDelayOf(floorBase);
      const floorMachine0 = machineCpuMs();
      floorTurns.push(await drive(floorUrl, requests, floorEvent));
      turnCpu.floor.push(cpuSince(floorMachine0, requests));
      floorLoopDelays.push(await loopDelayOf(floorBase));
    }
    const latencies = lunasTurns.flatMap((turn) => turn.latencies);
    const floorLatencies = floorTurns.flatMap((turn) => turn.latencies);
    const failures = lunasTurns.reduce((sum, turn) => sum + turn.failures, 0);
    const floorFailures = floorTurns.reduce((sum, turn) => sum + turn.failures, 0);
    const elapsed = lunasTurns.reduce((sum, turn) => sum + turn.seconds, 0);

    // Let the processor book every event and the relay forward every signal, then read every workflow's state once.
    await drained(ds, 30_000);
    const applied: Array<{ paymentId: string; invoiceId: string; appliedAt: number }> = (await Promise.all(workflowIds.map((id) => client.workflow.getHandle(id).query(recordedPaymentsQuery)))).flat();
    const toWorkflow = applied.flatMap((payment) => {
      const sent = sentAt.get(payment.invoiceId);
      return sent === undefined ? [] : [payment.appliedAt - sent];
    });
    const duplicatePayments: Array<{ n: number }> = await ds.query(
      `SELECT (count(*) - count(DISTINCT invoice_id))::int AS n FROM payments WHERE gateway = 'sandbox'`,
    );
    const signalledTwice = applied.length - new Set(applied.map((payment) => payment.paymentId)).size;
    const paymentsCount: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM payments WHERE gateway = 'sandbox'`);

    // Where the time after the answer goes: inbox row → booked, and booked (signal written) → forwarded to Temporal.
    // A booking transaction stamps its events with its own `now()`: distinct stamps count the transactions.
    const [stages]: Array<{ booked50: number; booked99: number; forwarded50: number; forwarded99: number; events: number; batches: number }> = await ds.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.booked_at - e.received_at) * 1000) AS booked50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM e.booked_at - e.received_at) * 1000) AS booked99,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.forwarded_at - s.created_at) * 1000) AS forwarded50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM s.forwarded_at - s.created_at) * 1000) AS forwarded99,
              count(*)::int AS events, count(DISTINCT e.booked_at)::int AS batches
         FROM payment_events e LEFT JOIN payment_signals s ON s.payment_event_id = e.id
        WHERE e.gateway = 'sandbox' AND e.raw_body::text NOT LIKE '%"order_id":"FLOOR-%'`,
    );

    // PostgreSQL alone on the quiet system, after the run.
    const quiet: number[] = [];
    for (let i = 0; i < 2_000; i++) quiet.push(await timedBareInsert(ds));

    const intakeP99 = percentile(latencies, 99);
    const floorP99 = percentile(floorLatencies, 99);
    const { line } = verdict(intakeP99, floorP99, '≤', INTAKE_P99_RATIO_TARGET);
    console.log(`sent ${total} requests to Lunas in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(0)} req/s), ${sentAt.size} distinct events, ${failures} non-200; ${total} to the floor, ${floorFailures} non-200`);
    console.log(`floor (bare http + same signature check + INSERT)  p50 ${ms(percentile(floorLatencies, 50))}   p99 ${ms(floorP99)}   max ${ms(Math.max(...floorLatencies))}`);
    console.log(`Lunas intake                                       p50 ${ms(percentile(latencies, 50))}   p99 ${ms(intakeP99)}   max ${ms(Math.max(...latencies))}`);
    console.log(`per turn (A B A B) p99: ${lunasTurns.map((turn, i) => `Lunas ${ms(percentile(turn.latencies, 99))}, floor ${ms(percentile(floorTurns[i].latencies, 99))}`).join('; ')}`);
    const delays = (turns: LoopDelay[]) => turns.map((delay) => `p99 ${ms(delay.p99)}, max ${ms(delay.max)}`).join('; ');
    console.log(`event loop delay per turn: API ${delays(loopDelays)}; floor ${delays(floorLoopDelays)}`);
    const perTurn = (values: number[]) => values.map((value) => `${value.toFixed(2)}`).join(' / ');
    const ofProcess = (turns: Array<Record<string, number>>, name: string) => perTurn(turns.map((turn) => turn[name]));
    console.log(`CPU ms per request per turn: API ${ofProcess(turnCpu.lunas, 'API')} (of which GC pauses ${perTurn(apiGcPerRequest)}); booking process ${ofProcess(turnCpu.lunas, 'booking')}; floor ${ofProcess(turnCpu.floor, 'floor')}`);
    const machineLine = (turns: Array<Record<string, number>>) => {
      const mean = (name: string) => turns.reduce((sum, turn) => sum + turn[name], 0) / turns.length;
      const names = Object.keys(turns[0]).filter((name) => mean(name) >= 0.005);
      return `${names.reduce((sum, name) => sum + mean(name), 0).toFixed(2)} (${names.map((name) => `${name} ${mean(name).toFixed(2)}`).join(', ')})`;
    };
    console.log(`CPU ms per request of every process, mean of the turns: Lunas turns ${machineLine(turnCpu.lunas)}; floor turns ${machineLine(turnCpu.floor)}`);
    console.log(`intake p99 / floor p99: ${line}`);
    console.log(`payments recorded        ${paymentsCount[0].n} (expected ${sentAt.size} + ${warmupInvoice} of the warm-up); duplicate payments ${duplicatePayments[0].n}; signals applied twice ${signalledTwice}`);
    console.log(`webhook → workflow state p50 ${ms(percentile(toWorkflow, 50))}   p99 ${ms(percentile(toWorkflow, 99))}   (${toWorkflow.length}/${sentAt.size} payments seen by their workflow; target p99 ≤ 500 ms)`);
    console.log(`inbox → booked           p50 ${ms(stages.booked50)}   p99 ${ms(stages.booked99)};   signal written → forwarded p50 ${ms(stages.forwarded50)}   p99 ${ms(stages.forwarded99)}`);
    console.log(`booking                  ${stages.events} events (warm-up included) in ${stages.batches} transactions, ${(stages.events / stages.batches).toFixed(1)} per transaction`);
    console.log(`bare inbox INSERT        p50 ${ms(percentile(quiet, 50))}   p99 ${ms(percentile(quiet, 99))}   (PostgreSQL alone on the quiet system, after the run)`);
    console.log(`load average             ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
