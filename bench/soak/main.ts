/**
 * A year of billing as a soak test (issue 23): `npm run bench:soak [-- --subscriptions N --months M --seed S --workers W --kill-every SECONDS]`
 * (defaults 2 000 subscriptions, 12 months, seed 1, 2 worker processes, a kill every 60 s). Starts a throwaway
 * embedded PostgreSQL, migrates it, runs `runSoak` (see `soak.ts`) and prints the totals, the wall time and every broken
 * rule; exits 1 when any rule is broken.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { createDataSource, runMigrations, startEmbeddedPostgres } from '@lunas/persistence';
import { freePort } from '@lunas/testing';
import { runSoak } from './soak';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

async function main(): Promise<boolean> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lunas-soak-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), durable: false, database: 'lunas_soak' });
  try {
    const dataSource = await createDataSource(postgres.url, { poolSize: 8, logging: false }).initialize();
    try {
      await runMigrations(dataSource);
      const report = await runSoak({
        subscriptions: option('subscriptions', 2_000), months: option('months', 12), seed: option('seed', 1), workers: option('workers', 2),
        killEverySeconds: option('kill-every', 60), dataSource, databaseUrl: postgres.socketUrl ?? postgres.url,
        log: (line) => process.stdout.write(`${line}\n`),
      });
      process.stdout.write(`${JSON.stringify({ ...report, loadAverage: loadavg().map((value) => value.toFixed(2)).join(' ') }, null, 2)}\n`);
      process.stdout.write(report.violations.length === 0 ? `soak: every rule held (${report.wallSeconds} s)\n` : `soak: ${report.violations.length} rules broken\n`);
      return report.violations.length === 0;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (held) => process.exit(held ? 0 : 1),
  (error: Error) => {
    process.stderr.write(`soak failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
