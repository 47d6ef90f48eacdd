// Jest globalSetup for medium tests. Imports stay relative: Jest's moduleNameMapper does not apply here.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- @lunas/testing by path: no moduleNameMapper in globalSetup
import { freePort } from '../../../testing/src/free-port';
import { createDataSource, runMigrations } from '../data-source';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { databaseUrl, TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV, withAdminClient } from './test-database';
import { setTestCluster } from './test-cluster';

/**
 * Starts one throwaway embedded PostgreSQL cluster for the whole Jest run (or uses the server of
 * `DATABASE_URL` when set), migrates a template database once, and tells the workers where it is.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env['DATABASE_URL'];
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lunas-test-pg-'));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), durable: false, database: 'postgres' });
    setTestCluster({ stop: server.stop, dataDir });
    adminUrl = server.url;
  }
  const template = `lunas_template_${process.pid}_${Date.now()}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(template)} TEMPLATE template0`));
  const dataSource = await createDataSource(databaseUrl(adminUrl, template), { poolSize: 1 }).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env[TEST_ADMIN_URL_ENV] = adminUrl;
  process.env[TEST_TEMPLATE_ENV] = template;
}

