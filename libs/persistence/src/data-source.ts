import 'reflect-metadata';
import { DataSource, LoggerOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { setEncryptionKey } from './support/encryption';

export interface DataSourceOptions {
  /** AES-256-GCM key for encrypted columns; without it `LUNAS_ENCRYPTION_KEY` (or the development key) is used. */
  encryptionKey?: Buffer;
  /** Connection pool size. Default 10 (node-postgres default): enough for one API or worker process. */
  poolSize?: number;
  /** TypeORM logging. Default `['error', 'warn']`. */
  logging?: LoggerOptions;
  /** Shown in `pg_stat_activity`. Default `lunas`. */
  applicationName?: string;
}

/**
 * A PostgreSQL DataSource with every Lunas entity and migration (not yet initialised).
 * Tables and columns are snake_case; the schema comes only from migrations, never `synchronize`.
 */
export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  if (options.encryptionKey) setEncryptionKey(options.encryptionKey);
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: options.logging ?? ['error', 'warn'],
    applicationName: options.applicationName ?? 'lunas',
    poolSize: options.poolSize ?? 10,
  });
}

/** Applies every pending migration, each in its own transaction; returns the names applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Reverts every applied migration, newest first (for tests and disposable databases). */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while (await hasAppliedMigrations(dataSource)) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted += 1;
  }
  return reverted;
}

async function hasAppliedMigrations(dataSource: DataSource): Promise<boolean> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists: Array<{ present: boolean }> = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  if (!exists[0]?.present) return false;
  const rows: Array<{ n: string }> = await dataSource.query(`SELECT count(*) AS n FROM "${table}"`);
  return Number(rows[0]?.n) > 0;
}
