import { createDataSource, runMigrations, seedDatabase } from '@lunas/persistence';
import { provisionNetwork } from './provision-network';

/**
 * Applies pending migrations and the idempotent seed, then (re)writes FreeRADIUS's rows of the mitra with a NAS; used
 * by `npm start` and the container entry point.
 */
export async function prepareDatabase(databaseUrl: string, encryptionKey: Buffer): Promise<{ migrations: string[]; tenants: number }> {
  const dataSource = createDataSource(databaseUrl, { encryptionKey, applicationName: 'lunas-migrate' });
  await dataSource.initialize();
  try {
    const migrations = await runMigrations(dataSource);
    const seeded = await seedDatabase(dataSource);
    await provisionNetwork(dataSource);
    return { migrations, tenants: Object.keys(seeded.tenants).length };
  } finally {
    await dataSource.destroy();
  }
}
