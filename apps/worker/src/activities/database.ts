import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { LunasConfig } from '@lunas/config';
import { createDataSource } from '@lunas/persistence';
import type { DataSource } from 'typeorm';

/** DI token of the worker's initialised TypeORM DataSource. */
export const DATA_SOURCE = Symbol('DATA_SOURCE');

/**
 * Connection pool of one worker process: 20. The worker runs up to 100 activities at once (Temporal's default
 * `maxConcurrentActivityTaskExecutions`), each holding a connection only for one short transaction; 20 keeps a
 * PostgreSQL at its default `max_connections` (100) able to serve four workers plus the API.
 */
export const WORKER_POOL_SIZE = 20;

/** The DataSource, initialised once when the worker boots (schema comes from migrations, run by `npm start`). */
export function dataSourceProvider(config: LunasConfig): Provider {
  return {
    provide: DATA_SOURCE,
    useFactory: () =>
      createDataSource(config.databaseUrl, {
        encryptionKey: config.encryptionKey,
        poolSize: WORKER_POOL_SIZE,
        applicationName: 'lunas-worker',
      }).initialize(),
  };
}

/**
 * Closes the pool at shutdown. Runs in `onApplicationShutdown`, after the Temporal worker has drained its
 * in-flight activities in `beforeApplicationShutdown`.
 */
@Injectable()
export class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
