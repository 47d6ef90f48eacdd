import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { LunasConfig } from '@lunas/config';
import { createDataSource } from '@lunas/persistence';

/** The API's PostgreSQL connection pool, named `applicationName` in `pg_stat_activity`. */
export function databaseModule(config: LunasConfig, applicationName: string): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => ({}),
    dataSourceFactory: async () => createDataSource(config.databaseUrl, { encryptionKey: config.encryptionKey, applicationName }).initialize(),
  });
}
