/**
 * `npm run seed -- --customers 100000 [--tenant "WiFi Sukamaju"] [--seed 1]`: migrates and seeds the database of
 * `DATABASE_URL` (default: the embedded PostgreSQL of `npm start`, in `.data/postgres`, started for the run) and adds
 * that many generated customers, each with one subscription, to the tenant (default the first sample mitra). A rerun
 * with the same seed adds nothing.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { createDataSource, generateCustomers, runMigrations, SEED_MITRAS, seedDatabase, startEmbeddedPostgres, Tenant } from '@lunas/persistence';
import { loadConfig } from '@lunas/config';

const ROOT = path.join(__dirname, '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '0' }, tenant: { type: 'string', default: SEED_MITRAS[0].businessName }, seed: { type: 'string', default: '1' } } });
  const count = Number(values.customers);
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`--customers must be a whole number (got "${values.customers}")`);
  let databaseUrl = process.env['DATABASE_URL'];
  const postgres = databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(path.resolve(process.env['LUNAS_DATA_DIR'] ?? path.join(ROOT, '.data')), 'postgres'), port: Number(process.env['LUNAS_EMBEDDED_PG_PORT'] ?? 54329) });
  databaseUrl ??= postgres?.url as string;
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const dataSource = await createDataSource(databaseUrl, { encryptionKey: config.encryptionKey, applicationName: 'lunas-seed' }).initialize();
  try {
    await runMigrations(dataSource);
    await seedDatabase(dataSource);
    const tenant = await dataSource.manager.findOneByOrFail(Tenant, { businessName: values.tenant });
    const started = Date.now();
    const result = await generateCustomers(dataSource, { tenantId: tenant.id, count, seed: Number(values.seed) });
    await dataSource.query('ANALYZE');
    process.stdout.write(`seeded: ${result.customers} customers and ${result.subscriptions} subscriptions added to ${tenant.businessName} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await dataSource.destroy();
    await postgres?.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed failed: ${error.message}\n`);
  process.exit(1);
});
