/**
 * Network enforcement benchmark, from the payment: a signed sandbox-gateway `payment.paid` webhook to the real API →
 * inbox and ledger → payment signal → the subscription workflow (real worker app, embedded Temporal dev server) →
 * `enforceNetwork` unsuspend → FreeRADIUS groups switched → Disconnect-Request received by the lab NAS; BENCH_PAYMENTS
 * (1 000) isolated subscribers dialled in through the real FreeRADIUS, BENCH_CONCURRENCY (20) payments in flight.
 * Beside it, the floor measured in the same run: a bare CoA round trip to the same NAS. Prints p50 / p99 of both, the
 * p99 ratio and the verdict (goal: p99 ≤ 2 s and ≤ 20× the floor), and where the time goes (per hop, from the
 * records' timestamps).
 *
 *   npm run bench:network            (BENCH_PAYMENTS=1000 BENCH_CONCURRENCY=20)
 *
 * Set-up, not measured: the subscriptions are created through the API with their PPPoE credentials (FreeRADIUS
 * provisioned in the same transaction), their workflows issue the activation invoice, the lab NAS dials each in, an
 * operator suspends each through the API (isolir group, Disconnect) and the NAS dials each in again, now isolated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import { LabNas, sendDynamicAuthorization, startFreeRadius } from '@lunas/network';
import { signSandboxPayload } from '@lunas/payments';
import {
  createDataSource, DEV_ADMIN_PASSWORD, LAB_NAS, runMigrations, seedDatabase, SEED_MITRAS, startEmbeddedPostgres,
} from '@lunas/persistence';
import { freePort } from '@lunas/testing';
import type { DataSource } from 'typeorm';
import { verdict } from '../support/verdict';

const ROOT = join(__dirname, '../..');
const PAYMENTS = Number(process.env['BENCH_PAYMENTS'] ?? 1_000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 20);
const GATEWAY_SECRET = 'bench-sandbox-secret';
const P99_GOAL_MS = 2_000;
const RATIO_GOAL = 20;
/** Longest a payment may take to reach the NAS before the run is declared broken. */
const PAYMENT_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** Waits for `check`; fails at once when a child process it depends on has exited. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, children: ChildProcess[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    const exited = children.find((child) => child.exitCode !== null || child.signalCode !== null);
    if (exited) throw new Error(`waiting for ${what}: ${exited.spawnfile} exited (${exited.exitCode ?? exited.signalCode})`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** A child process of this repository's sources (API, worker), stopped with SIGTERM at the end. */
function serveSource(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), NODE_ENV: 'development', LOG_LEVEL: 'warn', LUNAS_DEMO: 'false', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

interface Subscriber {
  id: string;
  userName: string;
  password: string;
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const dir = mkdtempSync(join(tmpdir(), 'lunas-bench-network-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), durable: false, database: 'postgres' });
    cleanups.push(() => postgres.stop());
    const ds = await createDataSource(postgres.url, { poolSize: 10, logging: ['error'] }).initialize();
    cleanups.push(() => ds.destroy());
    await runMigrations(ds);
    await seedDatabase(ds, { env: { NODE_ENV: 'development' } });
    // The sample subscriptions stay out of it (cancelled: no workflow is started for them).
    await ds.query(`UPDATE subscriptions SET status = 'cancelled'`);
    // Invoice numbers run per mitra: the sample mitras' invoices would share numbers with the ones paid here.
    await ds.query(`UPDATE invoices SET number = 'SAMPLE-' || number`);
    const [tenant] = await ds.query(`SELECT id FROM tenants WHERE business_name = $1`, [SEED_MITRAS[0].businessName]);

    const [authPort, acctPort] = [await freePort(), await freePort()];
    const freeRadius = await startFreeRadius(
      { listenAddress: '127.0.0.1', authPort, acctPort, databaseUrl: postgres.url, loopbackSecret: LAB_NAS.secret },
      { dir: join(dir, 'freeradius'), templateDir: join(ROOT, 'deploy/freeradius') },
    );
    cleanups.push(() => freeRadius.stop());
    const nas = new LabNas({ secret: LAB_NAS.secret, radiusServer: { address: '127.0.0.1', authPort, acctPort }, redialAfterMs: 0 });
    const coaPort = await nas.listen();
    cleanups.push(() => nas.close());
    // The seed registered the lab NAS for the mitra: point it at this run's NAS.
    await ds.query(`UPDATE network_devices SET coa_port = $2 WHERE tenant_id = $1 AND address = $3`, [tenant.id, coaPort, LAB_NAS.address]);

    const temporalPort = await freePort();
    const temporal = spawn(process.execPath, [devServerBinPath(), 'server', 'start-dev', '--port', String(temporalPort), '--headless', '--log-level', 'error', ...searchAttributeServerArgs()], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    cleanups.push(() => stopChild(temporal));
    const apiPort = await freePort();
    const common = { DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}` };
    const worker = serveSource('apps/worker/src/main.ts', common);
    cleanups.push(() => stopChild(worker));
    const api = serveSource('apps/api/src/main.ts', {
      ...common, PORT: String(apiPort),
      LUNAS_PAYMENTS_CONFIG: JSON.stringify({ default: { gateway: 'sandbox', baseUrl: `http://127.0.0.1:${apiPort}`, secret: GATEWAY_SECRET } }),
    });
    cleanups.push(() => stopChild(api));
    const base = `http://127.0.0.1:${apiPort}`;
    await until('the API', () => fetch(`${base}/health`).then((r) => r.status < 500, () => false), 180_000, [api, worker, temporal]);
    const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'superadmin', password: DEV_ADMIN_PASSWORD }) })).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
    const callApi = async (path: string, body: object): Promise<Record<string, unknown>> => {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
      if (response.status >= 300) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };

    process.stdout.write(`bench/network: ${PAYMENTS} payments, ${CONCURRENCY} in flight; setting up (create, dial, suspend, dial again)…\n`);
    const [pkg] = await ds.query(`SELECT id FROM packages WHERE name = 'Paket 10 Mbps'`);
    const customers: Array<{ id: string }> = await ds.query(
      `INSERT INTO customers (tenant_id, code, name, phone, register_date, whatsapp_consent)
       SELECT $1, 'NB-' || g, 'Pelanggan ' || g, '6281200000000', '2026-01-01', false FROM generate_series(1, $2) g RETURNING id`,
      [tenant.id, PAYMENTS],
    );
    const subscribers: Subscriber[] = [];
    await pool(customers, 10, async (customer) => {
      const userName = `nb-${randomUUID().slice(0, 8)}`;
      const password = `pw-${randomUUID().slice(0, 8)}`;
      const created = await callApi('/api/v1/subscriptions', { customerId: customer.id, packageId: pkg.id, billingDay: 5, pppoeUsername: userName, pppoePassword: password });
      subscribers.push({ id: created['id'] as string, userName, password });
    });
    const dialIn = async (s: Subscriber) => {
      // FreeRADIUS answers Access-Reject when its SQL connections are all busy: the router dials again.
      for (let attempt = 1; !(await nas.dial(s.userName, s.password)); attempt++) if (attempt === 5) throw new Error(`${s.userName}: FreeRADIUS rejected 5 dials`);
    };
    await pool(subscribers, CONCURRENCY, dialIn);
    await until('the activation invoices', async () => (await count(ds, `SELECT count(*) FROM invoices WHERE subscription_id = ANY($1)`, [subscribers.map((s) => s.id)])) === PAYMENTS, 600_000, [worker, api, temporal]);
    await pool(subscribers, 10, async (s) => void (await callApi(`/api/v1/subscriptions/${s.id}/actions/suspend`, { reason: 'Bench: isolir' })));
    await until('the suspensions', async () => (await count(ds, `SELECT count(*) FROM network_action_log WHERE subscription_id = ANY($1) AND action = 'suspend' AND result = 'applied'`, [subscribers.map((s) => s.id)])) === PAYMENTS, 600_000, [worker, api, temporal]);
    await pool(subscribers, CONCURRENCY, dialIn);
    const invoices = new Map<string, { number: string; due: number }>(
      (await ds.query(`SELECT subscription_id, number, (total - amount_paid)::int AS due FROM invoices WHERE subscription_id = ANY($1)`, [subscribers.map((s) => s.id)]))
        .map((row: { subscription_id: string; number: string; due: number }) => [row.subscription_id, { number: row.number, due: row.due }]),
    );

    const cutAt = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    const events = nas.events;
    const originalPush = events.push.bind(events);
    events.push = (...added) => {
      for (const event of added) {
        if (event.kind !== 'disconnect') continue;
        cutAt.set(event.userName, performance.now());
        waiting.get(event.userName)?.();
      }
      return originalPush(...added);
    };
    const latencies: number[] = [];
    const sentAt = new Map<string, Date>();
    process.stdout.write(`paying ${PAYMENTS} invoices by signed webhook (load average ${loadavg()[0].toFixed(1)})…\n`);
    await pool(subscribers, CONCURRENCY, async (s) => {
      const invoice = invoices.get(s.id);
      if (!invoice) throw new Error(`${s.id}: no invoice`);
      const cut = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${s.userName}: no Disconnect at the NAS within ${PAYMENT_TIMEOUT_MS} ms`)), PAYMENT_TIMEOUT_MS);
        waiting.set(s.userName, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const now = new Date();
      const body = JSON.stringify({
        id: `evt_${randomUUID()}`, type: 'payment.paid', created_at: now.toISOString(),
        data: { reference: `SBX-${randomUUID()}`, order_id: invoice.number, status: 'paid', method: 'va', amount: invoice.due, updated_at: now.toISOString() },
      });
      sentAt.set(s.id, new Date());
      const started = performance.now();
      const answer = await fetch(`${base}/webhooks/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lunas-signature': signSandboxPayload(body, GATEWAY_SECRET, now) }, body });
      if (answer.status !== 200) throw new Error(`webhook for ${invoice.number}: HTTP ${answer.status} ${await answer.text()}`);
      await cut.catch(async (error: Error) => {
        throw new Error(`${error.message}; records: ${JSON.stringify(await ds.query(
          `SELECT s.status, (SELECT json_agg(json_build_object('status', e.status, 'error', e.last_error)) FROM payment_events e WHERE e.raw_body::text LIKE '%' || $2 || '%') AS events,
                  (SELECT json_agg(json_build_object('status', ps.status, 'error', ps.last_error)) FROM payment_signals ps JOIN payments p ON p.id = ps.payment_id JOIN invoices i ON i.id = p.invoice_id WHERE i.subscription_id = s.id) AS signals,
                  (SELECT json_agg(json_build_object('mine', i2.subscription_id = s.id, 'tenant', i2.tenant_id, 'status', i2.status)) FROM invoices i2 WHERE i2.number = $2) AS same_number,
                  (SELECT json_agg(json_build_object('action', l.action, 'result', l.result, 'detail', l.detail)) FROM network_action_log l WHERE l.subscription_id = s.id) AS actions
             FROM subscriptions s WHERE s.id = $1`, [s.id, invoice.number]))}`);
      });
      latencies.push((cutAt.get(s.userName) ?? NaN) - started);
    });

    const held = nas.holdSession({ userName: 'floor', framedIpAddress: '10.10.255.2', rateLimit: '20M/20M', profile: null, pool: null, addressList: null, sessionTimeout: null });
    const floor: number[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const started = performance.now();
      const answer = await sendDynamicAuthorization({ address: '127.0.0.1', port: coaPort, secret: LAB_NAS.secret }, { kind: 'coa', userName: 'floor', acctSessionId: held.acctSessionId, attributes: [{ attribute: 'Mikrotik-Rate-Limit', value: '20M/20M' }] });
      if (answer.status !== 'ack') throw new Error(`floor CoA: ${answer.status}`);
      floor.push(performance.now() - started);
    }

    const [p50, p99, f50, f99] = [percentile(latencies, 50), percentile(latencies, 99), percentile(floor, 50), percentile(floor, 99)];
    const ratio = verdict(p99, f99, '≤', RATIO_GOAL);
    process.stdout.write(`payment webhook → Disconnect at the NAS (${latencies.length}): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (goal ≤ ${P99_GOAL_MS} ms: ${p99 <= P99_GOAL_MS ? 'met' : 'not met'})\n`);
    process.stdout.write(`floor, bare CoA round trip (${floor.length}): p50 ${f50.toFixed(2)} ms, p99 ${f99.toFixed(2)} ms\n`);
    process.stdout.write(`p99 ${ratio.line}\n`);
    await printHops(ds, subscribers, sentAt);
    process.stdout.write(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  } finally {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  }
}

async function count(ds: DataSource, sql: string, parameters: unknown[]): Promise<number> {
  const [row] = await ds.query(sql, parameters);
  return Number(row.count);
}

/** Where the time goes: p50 / p99 of each hop, from the webhook's send to the records' own timestamps. */
async function printHops(ds: DataSource, subscribers: Subscriber[], sentAt: Map<string, Date>): Promise<void> {
  const rows: Array<{ subscription_id: string; booked: Date | null; signalled: Date | null; claimed: Date | null; completed: Date | null }> = await ds.query(
    `SELECT s.id AS subscription_id,
            (SELECT min(p.created_at) FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.subscription_id = s.id) AS booked,
            (SELECT min(ps.forwarded_at) FROM payment_signals ps JOIN payments p ON p.id = ps.payment_id JOIN invoices i ON i.id = p.invoice_id
              WHERE i.subscription_id = s.id) AS signalled,
            (SELECT min(l.created_at) FROM network_action_log l WHERE l.subscription_id = s.id AND l.action = 'unsuspend') AS claimed,
            (SELECT min(l.completed_at) FROM network_action_log l WHERE l.subscription_id = s.id AND l.action = 'unsuspend') AS completed
       FROM subscriptions s WHERE s.id = ANY($1)`,
    [subscribers.map((s) => s.id)],
  );
  const hops: Record<string, number[]> = { 'webhook → payment booked': [], 'booked → signal forwarded': [], 'forwarded → enforceNetwork claim': [], 'claim → action applied': [] };
  for (const row of rows) {
    const sent = sentAt.get(row.subscription_id);
    if (!sent || !row.booked || !row.signalled || !row.claimed || !row.completed) continue;
    hops['webhook → payment booked'].push(row.booked.getTime() - sent.getTime());
    hops['booked → signal forwarded'].push(row.signalled.getTime() - row.booked.getTime());
    hops['forwarded → enforceNetwork claim'].push(row.claimed.getTime() - row.signalled.getTime());
    hops['claim → action applied'].push(row.completed.getTime() - row.claimed.getTime());
  }
  for (const [hop, values] of Object.entries(hops)) {
    if (values.length) process.stdout.write(`  ${hop}: p50 ${percentile(values, 50)} ms, p99 ${percentile(values, 99)} ms (${values.length})\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench/network failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
