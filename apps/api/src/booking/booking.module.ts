import { DynamicModule, Module } from '@nestjs/common';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { traceLogFields } from '@lunas/observability';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '../audit/audit.module';
import { databaseModule } from '../bootstrap/database.module';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { TracingShutdown } from '../observability/http-tracing';
import { BOOKING_PROCESS } from '../payments/payment-signal.relay';
import { TemporalModule } from '../temporal/temporal.module';
import { WebhooksModule } from '../webhooks/webhooks.module';

/**
 * The booking process (`booking-main.ts`): the webhook inbox's booking loop and the `payment_signals` relay, without
 * HTTP. With `LUNAS_PAYMENT_BOOKING=separate` the API leaves this work to it, so the intake's event loop only takes
 * notifications in. Any number may run next to any number of API replicas (rows are claimed with `SKIP LOCKED`).
 */
@Module({})
export class BookingModule {
  static forRoot(config: LunasConfig): DynamicModule {
    return {
      module: BookingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, mixin: traceLogFields } }), databaseModule(config, 'lunas-booking'), TemporalModule, AuditModule, IdempotencyModule, WebhooksModule],
      providers: [{ provide: LUNAS_CONFIG, useValue: config }, { provide: BOOKING_PROCESS, useValue: true }, TracingShutdown],
      exports: [LUNAS_CONFIG, BOOKING_PROCESS],
    };
  }
}
