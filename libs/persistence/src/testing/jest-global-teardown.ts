// Jest globalTeardown for medium tests (see jest-global-setup.ts).
import { rm } from 'node:fs/promises';
import { TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV, withAdminClient } from './test-database';
import { takeTestCluster } from './test-cluster';

export default async function globalTeardown(): Promise<void> {
  const cluster = takeTestCluster();
  if (cluster) {
    await cluster.stop();
    await rm(cluster.dataDir, { recursive: true, force: true });
    return;
  }
  // External server (DATABASE_URL): drop only what this run created.
  const adminUrl = process.env[TEST_ADMIN_URL_ENV];
  const template = process.env[TEST_TEMPLATE_ENV];
  if (adminUrl && template) {
    await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(template)} WITH (FORCE)`));
  }
}
