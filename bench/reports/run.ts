/**
 * Reports and import benchmark (issue 22), on the embedded PostgreSQL with the real migrations:
 * - 100 000 invoices of one mitra (10 000 subscriptions × 10 months, 80 % paid, late fees, dunning messages);
 *   each finance report over the whole range is rendered (the API's service: SQL + shaping) and exported to CSV
 *   and XLSX (the streaming writers, into a byte counter), beside the floor: the same SQL straight on PostgreSQL.
 *   Targets: render ≤ 2 s, export ≤ 10 s.
 * - a 10 000-row customer CSV previewed and imported by the real service and background runner. Target ≤ 60 s.
 *
 *   npm run bench:reports      (BENCH_INVOICES=100000 BENCH_IMPORT_ROWS=10000)
 */
import { FINANCE_REPORT_KINDS, type FinanceReportKind } from '@lunas/contracts';
import { createDataSource, runMigrations, seedDatabase, startEmbeddedPostgres, User } from '@lunas/persistence';
import { freePort } from '@lunas/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import type { AuthenticatedUser } from '../../apps/api/src/auth/authenticated-user';
import { CustomerImportRunner } from '../../apps/api/src/customer-import/customer-import.runner';
import { CustomerImportService } from '../../apps/api/src/customer-import/customer-import.service';
import { DashboardService } from '../../apps/api/src/reports/dashboard.service';
import { jakartaRange } from '../../apps/api/src/reports/finance-range';
import { SQL_REPORTS } from '../../apps/api/src/reports/finance-reports';
import { writeCsv, writeXlsx } from '../../apps/api/src/reports/report-export';
import { ReportsService } from '../../apps/api/src/reports/reports.service';

const INVOICES = Number(process.env['BENCH_INVOICES'] ?? 100_000);
const IMPORT_ROWS = Number(process.env['BENCH_IMPORT_ROWS'] ?? 10_000);
const MONTHS = 10;
const RENDER_TARGET_MS = 2_000;
const EXPORT_TARGET_MS = 10_000;
const IMPORT_TARGET_MS = 60_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

/** A sink that counts bytes (the export's cost without a network or disk). */
function counter(): Writable & { bytes: number } {
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((sink.bytes += chunk.length), done()) }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

/** One mitra with `subscriptions` customers and `MONTHS` monthly invoices each, written by set-based SQL. */
async function seedInvoices(ds: DataSource): Promise<string> {
  const subscriptions = Math.ceil(INVOICES / MONTHS);
  const [{ id: tenantId }] = await ds.query(`INSERT INTO tenants (business_name, kind) VALUES ('Bench Mitra', 'mitra') RETURNING id`);
  const [{ id: packageId }] = await ds.query(`INSERT INTO packages (tenant_id, name, speed, price) VALUES ($1, 'Paket 20 Mbps', '20 Mbps', 150000) RETURNING id`, [tenantId]);
  await ds.query(
    `INSERT INTO customers (tenant_id, code, name, phone, register_date)
     SELECT $1, 'B-' || g, 'Pelanggan ' || g, '62812' || lpad(g::text, 8, '0'), '2025-01-01' FROM generate_series(1, $2) g`,
    [tenantId, subscriptions],
  );
  await ds.query(
    `INSERT INTO subscriptions (tenant_id, customer_id, package_id, billing_day, started_on, pppoe_username)
     SELECT $1, c.id, $2, 1 + (row_number() OVER () % 28)::int, '2025-01-01', 'u-' || c.code FROM customers c WHERE c.tenant_id = $1`,
    [tenantId, packageId],
  );
  // Months Jan–Oct 2026; 80 % paid 3 days after issue, the rest open; every fifth open one carries a late fee.
  await ds.query(
    `INSERT INTO invoices (tenant_id, subscription_id, customer_id, number, period, period_start, period_end, issued_at, due_at,
                           subtotal, dpp, ppn_rate, ppn_amount, total, amount_paid, status, paid_at, receipt_token)
     SELECT $1, s.id, s.customer_id, 'B/' || m || '/' || left(md5(s.id::text), 20), to_char(d, 'YYYY-MM'), d::date, (d + interval '1 month - 1 day')::date,
            d - interval '1 day', d, 150000, 150000, 0.11, 16500, 166500,
            CASE WHEN paid THEN 166500 ELSE 0 END, CASE WHEN paid THEN 'paid' ELSE 'unpaid' END, CASE WHEN paid THEN d + interval '3 days' END,
            md5(s.id::text || m)
       FROM subscriptions s, generate_series(0, $2 - 1) m,
            LATERAL (SELECT (timestamptz '2026-01-01 00:00+07' + make_interval(months => m)) AS d, (hashtext(s.id::text || m) % 10) NOT IN (0, 1) AS paid) x
      WHERE s.tenant_id = $1`,
    [tenantId, MONTHS],
  );
  await ds.query(
    `INSERT INTO invoice_items (invoice_id, kind, description, amount, created_at)
     SELECT id, 'late_fee', 'Denda', 10000, due_at + interval '7 days' FROM invoices WHERE tenant_id = $1 AND status = 'unpaid' AND hashtext(id::text) % 5 = 0`,
    [tenantId],
  );
  await ds.query(
    `WITH p AS (
       INSERT INTO payments (tenant_id, invoice_id, customer_id, gateway, gateway_transaction_id, method, amount, status, paid_at)
       SELECT tenant_id, id, customer_id, 'midtrans', id::text, (ARRAY['qris', 'va', 'ewallet'])[1 + abs(hashtext(id::text)) % 3], 166500, 'succeeded', paid_at
         FROM invoices WHERE tenant_id = $1 AND status = 'paid' RETURNING id, invoice_id, amount)
     INSERT INTO payment_allocations (payment_id, invoice_id, amount) SELECT id, invoice_id, amount FROM p`,
    [tenantId],
  );
  await ds.query(
    `INSERT INTO notification_log (tenant_id, subscription_id, invoice_id, customer_id, channel, template, recipient, idempotency_key, status, created_at)
     SELECT i.tenant_id, i.subscription_id, i.id, i.customer_id, 'whatsapp', t.template, '6281200000000', i.id || ':' || t.template, 'sent', i.due_at + t.after
       FROM invoices i, (VALUES ('invoice_issued', interval '0 days'), ('payment_reminder_1', interval '3 days')) t(template, after)
      WHERE i.tenant_id = $1 AND (t.template = 'invoice_issued' OR i.status = 'unpaid')`,
    [tenantId],
  );
  await ds.query('ANALYZE');
  return tenantId;
}

function importCsv(rows: number): Buffer {
  const lines = ['kode_pelanggan,nama,telepon,paket,tanggal_tagihan,diskon,user_pppoe'];
  for (let i = 1; i <= rows; i++) lines.push(`IMP-${i},Pelanggan Impor ${i},0813${String(i).padStart(8, '0')},Paket 20 Mbps,${1 + (i % 28)},0,imp-${i}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lunas-bench-reports-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), durable: false });
  const ds = await createDataSource(pg.url, { logging: ['error'] }).initialize();
  try {
    await runMigrations(ds);
    await seedDatabase(ds, { env: { NODE_ENV: 'development' } });
    const seeded = await timed(() => seedInvoices(ds));
    const tenantId = seeded.value;
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM invoices WHERE tenant_id = $1`, [tenantId]);
    console.log(`seeded ${n} invoices in ${(seeded.ms / 1000).toFixed(1)} s; load average ${loadavg()[0].toFixed(1)}`);

    const range = jakartaRange('2026-01-01', '2026-11-30');
    const reports = new ReportsService(ds);
    console.log('\nreport               floor SQL   render   CSV export   XLSX export   rows');
    let met = true;
    for (const kind of FINANCE_REPORT_KINDS) {
      const floor = kind === 'dso-trend' ? undefined : await timed(() => ds.query(SQL_REPORTS[kind as Exclude<FinanceReportKind, 'dso-trend'>].sql, SQL_REPORTS[kind as Exclude<FinanceReportKind, 'dso-trend'>].params(tenantId, range)));
      const render = await timed(async () => JSON.stringify(await reports.report(kind, tenantId, range)).length);
      const csv = await timed(async () => writeCsv(await reports.report(kind, tenantId, range), counter()));
      const xlsx = await timed(async () => writeXlsx(await reports.report(kind, tenantId, range), counter()));
      const rows = (await reports.report(kind, tenantId, range)).rows.length;
      met &&= render.ms <= RENDER_TARGET_MS && csv.ms <= EXPORT_TARGET_MS && xlsx.ms <= EXPORT_TARGET_MS;
      const ms = (t?: { ms: number }) => (t ? `${t.ms.toFixed(0)} ms` : '—').padStart(9);
      console.log(`${kind.padEnd(20)} ${ms(floor)} ${ms(render)} ${ms(csv).padStart(12)} ${ms(xlsx).padStart(13)}   ${rows}`);
    }
    const dashboard = await timed(() => new DashboardService(ds).summary(tenantId, '2026-10-31'));
    console.log(`dashboard (all KPIs and charts): ${dashboard.ms.toFixed(0)} ms`);
    console.log(`reports: render ≤ ${RENDER_TARGET_MS} ms and export ≤ ${EXPORT_TARGET_MS} ms: ${met ? 'MET' : 'NOT MET'}`);

    const [admin] = await ds.getRepository(User).find({ where: { username: 'superadmin' } });
    const user = { userId: admin.id, username: admin.username, tenantId: admin.tenantId, roles: ['superadmin'], permissions: [], isSuperadmin: true, sessionId: 'bench' } as AuthenticatedUser;
    const service = new CustomerImportService(ds, new AuditService(ds));
    const runner = new CustomerImportRunner(ds);
    const file = importCsv(IMPORT_ROWS);
    const imported = await timed(async () => {
      const preview = await service.preview(user, tenantId, { name: 'bench.csv', buffer: file }, null);
      const previewMs = performance.now();
      await service.confirm(user, preview.id, null);
      while (await runner.runBatch()) {
        /* next batch */
      }
      return { preview, previewMs };
    });
    const progress = await service.progress(user, imported.value.preview.id);
    console.log(
      `\nimport of ${IMPORT_ROWS} rows: ${(imported.ms / 1000).toFixed(1)} s (preview ${imported.value.preview.counts.new} new), created ${progress.created}; ` +
        `target ≤ ${IMPORT_TARGET_MS / 1000} s: ${imported.ms <= IMPORT_TARGET_MS ? 'MET' : 'NOT MET'}`,
    );
  } finally {
    await ds.destroy();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
