import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { LUNAS_CONFIG } from '@lunas/config';
import type { LunasConfig } from '@lunas/config';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/**
 * Temporal client for the API. The connection is lazy: the API starts, and webhooks keep being
 * accepted into the inbox, while Temporal is unreachable.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [LUNAS_CONFIG],
      useFactory: (config: LunasConfig) => Connection.lazy({ address: config.temporal.address }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, LUNAS_CONFIG],
      useFactory: (connection: Connection, config: LunasConfig) =>
        new Client({ connection, namespace: config.temporal.namespace }),
    },
  ],
  exports: [TEMPORAL_CONNECTION, Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
