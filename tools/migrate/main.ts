/** Container entry point: migrate and seed the database named by DATABASE_URL, then exit. */
import { ConfigError, loadConfig } from '@lunas/config';
import { prepareDatabase } from './prepare-database';

async function main(): Promise<void> {
  const config = loadConfig();
  const result = await prepareDatabase(config.databaseUrl, config.encryptionKey);
  process.stdout.write(`database ready: ${result.migrations.length} migrations applied, ${result.tenants} tenants seeded\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `migration failed: ${error.message}`}\n`);
  process.exit(1);
});
