import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, isRetryableError, makeGrpcRetryInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { activeTracing } from '@lunas/observability';
import { SubscriptionWorkflows } from './subscription-workflows';
import { TEMPORAL_CONNECTION } from './temporal-connection.token';

/** Attempts per call (the SDK default is 10): a request is answered within seconds even when Temporal is down. */
const MAX_ATTEMPTS = 4;
/** Longest pause between attempts; shutdown waits this long so no retry fires on a closed channel. */
const MAX_RETRY_DELAY_MS = 500;

/**
 * Temporal client for the API. The connection is lazy: the API starts, and webhooks keep being
 * accepted into the inbox, while Temporal is unreachable.
 */
@Global()
@Module({
  providers: [
    { provide: 'TEMPORAL_CLOSING', useValue: { closing: false } },
    {
      provide: TEMPORAL_CONNECTION,
      inject: [LUNAS_CONFIG, 'TEMPORAL_CLOSING'],
      useFactory: (config: LunasConfig, state: { closing: boolean }) =>
        Connection.lazy({
          address: config.temporal.address,
          interceptors: [
            makeGrpcRetryInterceptor({
              retryableDecider: (attempt, status) => !state.closing && attempt < MAX_ATTEMPTS && isRetryableError(status),
              delayFunction: (attempt) => Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** attempt),
            }),
          ],
        }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, LUNAS_CONFIG],
      // With traces on, starts, signals and updates carry the caller's trace to the workflow (Temporal headers).
      useFactory: (connection: Connection, config: LunasConfig) =>
        new Client({
          connection,
          namespace: config.temporal.namespace,
          ...(activeTracing() ? { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } } : {}),
        }),
    },
    SubscriptionWorkflows,
  ],
  exports: [TEMPORAL_CONNECTION, Client, SubscriptionWorkflows],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    @Inject('TEMPORAL_CLOSING') private readonly state: { closing: boolean },
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.state.closing = true;
    await new Promise((resolve) => setTimeout(resolve, MAX_RETRY_DELAY_MS + 50));
    await this.connection.close().catch(() => undefined);
  }
}
