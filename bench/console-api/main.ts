/**
 * Console list benchmark: with 100 000 customers seeded (each with a subscription, an invoice, a payment and an audit
 * row), times the first page of every console list and searches through the real API (its own process, HTTP with
 * keep-alive, a mitra's or the superadmin's token), and in the same run the very SQL the API runs for it straight on
 * PostgreSQL (the floor: the list's two statements side by side on a `pg` pool). Prints p50/p95 of both and the ratio
 * of their p95 with its verdict (target ≤ 2), plus whether the floor itself is index-backed (p95 < 100 ms).
 *
 *   npm run bench:console-api         BENCH_CUSTOMERS=100000 BENCH_ROUNDS=60
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { Pool } from 'pg';
import { createDataSource, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, generateCustomers, runMigrations, SEED_MITRAS, seedDatabase, startEmbeddedPostgres, Tenant } from '@lunas/persistence';
import { freePort } from '@lunas/testing';
import type { ListSql } from '../../apps/api/src/common/list/list-sql';
import { customerListSql } from '../../apps/api/src/customers/customer-list.sql';
import { subscriptionListSql } from '../../apps/api/src/subscriptions/subscription-list.sql';
import { invoiceListSql } from '../../apps/api/src/invoices/invoice-list.sql';
import { paymentListSql } from '../../apps/api/src/payments/payment-list.sql';
import { auditLogListSql } from '../../apps/api/src/audit/audit-log-list.sql';
import { packageListSql } from '../../apps/api/src/packages/package-list.sql';
import { userListSql } from '../../apps/api/src/users/user-list.sql';
import { verdict } from '../support/verdict';

const ROOT = join(__dirname, '../..');
const CUSTOMERS = Number(process.env['BENCH_CUSTOMERS'] ?? 100_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 60);
/** Target (issue 19): API p95 at most twice the floor's. */
const RATIO_TARGET = 2;
/** The floor must be index-backed: first page and search p95 well under this on a quiet machine. */
const FLOOR_P95_LIMIT_MS = 100;
const PAGE = { page: 1, pageSize: 25 };

interface Case {
  name: string;
  /** Path and query of the API call. */
  url: string;
  as: 'mitra' | 'superadmin';
  sql: ListSql;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function get(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, headers: { authorization: token } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One invoice per subscription (period 2026-01, a third of them overdue and unpaid), a payment for the rest, an audit row per customer. */
async function fillHistory(pool: Pool, tenantId: string): Promise<void> {
  await pool.query(`
    INSERT INTO invoices (tenant_id, subscription_id, customer_id, number, period, period_start, period_end, issued_at, due_at, subtotal, dpp, ppn_rate, ppn_amount, total, amount_paid, status, receipt_token)
    SELECT s.tenant_id, s.id, s.customer_id, 'INV/2026/01/' || lpad(row_number() OVER (ORDER BY s.id)::text, 6, '0'), '2026-01', '2026-01-05', '2026-02-04',
           timestamptz '2026-01-04 06:00+07' + (n % 20) * interval '1 day', timestamptz '2026-01-05 00:00+07' + (n % 20) * interval '1 day',
           p.price, p.price, 0.11, round(p.price * 0.11), p.price + round(p.price * 0.11),
           CASE WHEN n % 3 = 0 THEN 0 ELSE p.price + round(p.price * 0.11) END, CASE WHEN n % 3 = 0 THEN 'unpaid' ELSE 'paid' END, md5(s.id::text || 'receipt')
      FROM (SELECT s.*, row_number() OVER (ORDER BY s.id) AS n FROM subscriptions s WHERE s.tenant_id = $1) s JOIN packages p ON p.id = s.package_id`, [tenantId]);
  await pool.query(`
    INSERT INTO payments (tenant_id, invoice_id, customer_id, gateway, gateway_transaction_id, method, amount, status, paid_at, matched_rule)
    SELECT tenant_id, id, customer_id, 'sandbox', 'BENCH-' || id, 'va', total, 'succeeded', due_at - interval '1 day', 'gateway_reference'
      FROM invoices WHERE tenant_id = $1 AND status = 'paid'`, [tenantId]);
  await pool.query(`
    INSERT INTO audit_log (tenant_id, action, entity_type, entity_id, after, created_at)
    SELECT tenant_id, 'customer.create', 'customer', id::text, jsonb_build_object('name', name), created_at FROM customers WHERE tenant_id = $1`, [tenantId]);
  await pool.query('ANALYZE');
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    console.log(`bench/console-api: ${CUSTOMERS} customers, ${ROUNDS} timed requests per list and side`);
    const dataDir = mkdtempSync(join(tmpdir(), 'lunas-bench-console-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    cleanups.push(() => pg.stop());
    const ds = await createDataSource(pg.url, { logging: ['error'] }).initialize();
    cleanups.push(() => ds.destroy());
    await runMigrations(ds);
    await seedDatabase(ds, { env: { NODE_ENV: 'development' } });
    const mitra = await ds.manager.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
    const started = performance.now();
    await generateCustomers(ds, { tenantId: mitra.id, count: CUSTOMERS, seed: 1 });
    const pool = new Pool({ connectionString: pg.url, max: 4 });
    cleanups.push(() => pool.end());
    await fillHistory(pool, mitra.id);
    console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const [{ name: someName }] = await pool.query(`SELECT split_part(name, ' ', 1) AS name FROM customers WHERE tenant_id = $1 OFFSET ${Math.floor(CUSTOMERS * 0.05)} LIMIT 1`, [mitra.id]).then((r) => r.rows);
    const [{ phone, pppoe }] = await pool.query(
      `SELECT substr(c.phone, 3, 8) AS phone, s.pppoe_username AS pppoe FROM customers c JOIN subscriptions s ON s.customer_id = c.id WHERE c.tenant_id = $1 OFFSET ${Math.floor(CUSTOMERS * 0.7)} LIMIT 1`, [mitra.id],
    ).then((r) => r.rows);

    const apiPort = await freePort();
    const api = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), NODE_ENV: 'development', PORT: String(apiPort), DATABASE_URL: pg.url, TEMPORAL_ADDRESS: '127.0.0.1:1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    cleanups.push(async () => {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    });
    console.log('starting the API…');
    const base = `http://127.0.0.1:${apiPort}`;
    for (let ready = false; !ready; ) {
      if (api.exitCode !== null) throw new Error(`the API exited before it was ready (${api.exitCode})`);
      // `/health` answers 503 without Temporal, which this benchmark does not need: wait for the OpenAPI document.
      ready = await fetch(`${base}/api/docs-json`).then((r) => r.status === 200, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const login = async (username: string, password: string) =>
      `Bearer ${((await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json()) as { accessToken: string }).accessToken}`;
    const tokens = { mitra: await login(SEED_MITRAS[0].username, DEV_MITRA_PASSWORD), superadmin: await login('superadmin', DEV_ADMIN_PASSWORD) };

    console.log('API ready; timing');
    const t = mitra.id;
    const cases: Case[] = [
      { name: 'customers, first page', url: '/api/v1/customers', as: 'mitra', sql: customerListSql(t, PAGE) },
      { name: `customers, search name "${someName}"`, url: `/api/v1/customers?q=${encodeURIComponent(someName)}`, as: 'mitra', sql: customerListSql(t, { ...PAGE, q: someName }) },
      { name: `customers, search phone "0${phone}"`, url: `/api/v1/customers?q=0${phone}`, as: 'mitra', sql: customerListSql(t, { ...PAGE, q: `0${phone}` }) },
      { name: `customers, search PPPoE "${pppoe}"`, url: `/api/v1/customers?q=${encodeURIComponent(pppoe)}`, as: 'mitra', sql: customerListSql(t, { ...PAGE, q: pppoe }) },
      { name: 'customers, all mitra (superadmin)', url: '/api/v1/customers', as: 'superadmin', sql: customerListSql(undefined, PAGE) },
      { name: 'subscriptions, first page', url: '/api/v1/subscriptions', as: 'mitra', sql: subscriptionListSql(t, PAGE) },
      { name: `subscriptions, search "${someName}"`, url: `/api/v1/subscriptions?q=${encodeURIComponent(someName)}`, as: 'mitra', sql: subscriptionListSql(t, { ...PAGE, q: someName }) },
      { name: 'invoices, first page', url: '/api/v1/invoices', as: 'mitra', sql: invoiceListSql(t, PAGE) },
      { name: 'invoices, overdue', url: '/api/v1/invoices?overdue=true', as: 'mitra', sql: invoiceListSql(t, { ...PAGE, overdue: true }) },
      { name: `invoices, search "${someName}"`, url: `/api/v1/invoices?q=${encodeURIComponent(someName)}`, as: 'mitra', sql: invoiceListSql(t, { ...PAGE, q: someName }) },
      { name: 'payments, first page', url: '/api/v1/payments', as: 'mitra', sql: paymentListSql(t, PAGE) },
      { name: 'audit log, first page (superadmin)', url: '/api/v1/audit-log', as: 'superadmin', sql: auditLogListSql(undefined, PAGE) },
      { name: 'packages, first page', url: '/api/v1/packages', as: 'mitra', sql: packageListSql(t, PAGE) },
      { name: 'users, first page (superadmin)', url: '/api/v1/users', as: 'superadmin', sql: userListSql(undefined, PAGE) },
    ];

    const floorOnce = async (sql: ListSql) => {
      const start = performance.now();
      await Promise.all([pool.query(sql.items.text, sql.items.params), pool.query(sql.count.text, sql.count.params)]);
      return performance.now() - start;
    };
    const apiOnce = async (url: string, token: string) => {
      const start = performance.now();
      const status = await get(`${base}${url}`, token);
      if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
      return performance.now() - start;
    };
    const rows: string[] = [];
    let allMet = true;
    for (const c of cases) {
      for (let i = 0; i < 5; i++) {
        await apiOnce(c.url, tokens[c.as]);
        await floorOnce(c.sql);
      }
      const apiTimes: number[] = [];
      const floorTimes: number[] = [];
      // Alternating, so that both sides see the same machine.
      for (let i = 0; i < ROUNDS; i++) {
        apiTimes.push(await apiOnce(c.url, tokens[c.as]));
        floorTimes.push(await floorOnce(c.sql));
      }
      const apiP95 = percentile(apiTimes, 95);
      const floorP95 = percentile(floorTimes, 95);
      const v = verdict(apiP95, floorP95, '≤', RATIO_TARGET);
      const indexed = floorP95 < FLOOR_P95_LIMIT_MS;
      allMet &&= v.met && indexed;
      rows.push(
        `| ${c.name} | ${percentile(apiTimes, 50).toFixed(1)} | ${apiP95.toFixed(1)} | ${percentile(floorTimes, 50).toFixed(1)} | ${floorP95.toFixed(1)} | ${v.ratio.toFixed(2)} ${v.met ? '✓' : '✗'} | ${indexed ? '✓' : '✗'} |`,
      );
      console.log(rows[rows.length - 1]);
    }
    console.log(`\n| list (${CUSTOMERS} customers) | API p50 ms | API p95 ms | floor p50 ms | floor p95 ms | p95 ratio (≤ ${RATIO_TARGET}) | floor p95 < ${FLOOR_P95_LIMIT_MS} ms |`);
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\nverdict: ${allMet ? 'met' : 'not met'} (${new Date().toISOString()}, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)})`);
    process.exitCode = allMet ? 0 : 1;
  } finally {
    agent.destroy();
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  }
}

main().catch((error: Error) => {
  console.error(`bench/console-api failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
