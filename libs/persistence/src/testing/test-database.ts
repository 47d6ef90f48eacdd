import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';

/** Environment variables the Jest global setup hands to the test workers. */
export const TEST_ADMIN_URL_ENV = 'LUNAS_TEST_ADMIN_URL';
export const TEST_TEMPLATE_ENV = 'LUNAS_TEST_TEMPLATE_DATABASE';

export interface TestDatabase {
  /** Database name, `lunas_test_<pid>_<random>`. */
  name: string;
  url: string;
  /** Initialised DataSource on the database (all entities; migrations already applied unless `migrated: false`). */
  dataSource: DataSource;
  /** Closes the DataSource and drops the database. */
  destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Default true: a copy of the migrated template. False: an empty database (no tables at all). */
  migrated?: boolean;
}

/**
 * A fresh database for one test file, copied from the template the Jest global setup migrated once
 * per run (a copy takes well under a second). Needs `jest-global-setup.ts` / `jest-global-teardown.ts`
 * of this folder in the project's Jest config.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_ADMIN_URL_ENV];
  const template = process.env[TEST_TEMPLATE_ENV];
  if (!adminUrl || !template) {
    throw new Error(
      'createTestDatabase needs the persistence Jest global setup: add globalSetup/globalTeardown ' +
        '"libs/persistence/src/testing/jest-global-{setup,teardown}.ts" to this project\'s jest.config.js',
    );
  }
  const name = `lunas_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, (client) =>
    client.query(
      `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(options.migrated === false ? 'template0' : template)}`,
    ),
  );
  const url = databaseUrl(adminUrl, name);
  const dataSource = await createDataSource(url, { poolSize: 5, applicationName: 'lunas-test', logging: false }).initialize();
  return {
    name,
    url,
    dataSource,
    destroy: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/** The same server URL with another database name. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
