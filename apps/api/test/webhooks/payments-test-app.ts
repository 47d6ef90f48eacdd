import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type LunasConfig } from '@lunas/config';
import type { PaymentReceived } from '@lunas/contracts';
import type { PaymentsConfig } from '@lunas/payments';
import { seedDatabase } from '@lunas/persistence';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { DEFAULT_PAYMENT_RELAY_OPTIONS, PAYMENT_RELAY_OPTIONS, type PaymentRelayOptions } from '../../src/payments/payment-signal.relay';
import { PAYMENT_SIGNAL_SENDER, type PaymentSignalSender } from '../../src/payments/payment-signal.sender';
import { PAYMENTS_CONFIG } from '../../src/payments/payments-config.provider';

export interface RecordedSignal {
  workflowId: string;
  payload: PaymentReceived;
}

/** Stands in for Temporal: records every signal, or fails like an unreachable server while `down`. */
export class RecordingSignalSender implements PaymentSignalSender {
  readonly signals: RecordedSignal[] = [];
  down = false;
  attempts = 0;

  async send(workflowId: string, payload: PaymentReceived): Promise<void> {
    this.attempts += 1;
    if (this.down) throw new Error('14 UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:7233');
    this.signals.push({ workflowId, payload });
  }
}

export interface PaymentsTestApp<F> {
  app: NestExpressApplication;
  config: LunasConfig;
  database: TestDatabase;
  fixture: F;
  close(): Promise<void>;
}

export interface PaymentsTestAppOptions<F> {
  /** Rows the gateway configuration depends on (tenants with their own accounts), inserted before boot. */
  prepare: (dataSource: DataSource) => Promise<F>;
  payments: (fixture: F) => PaymentsConfig;
  /** A fake signal sender; without it the real Temporal client is used (see `temporalAddress`). */
  sender?: PaymentSignalSender;
  temporalAddress?: string;
  relay?: Partial<PaymentRelayOptions>;
}

/**
 * The real API on a fresh migrated and seeded database (like `startTestApp`), with the gateway accounts,
 * the relay timing and optionally the signal sender replaced.
 */
export async function startPaymentsTestApp<F>(options: PaymentsTestAppOptions<F>): Promise<PaymentsTestApp<F>> {
  const database = await createTestDatabase();
  await seedDatabase(database.dataSource);
  const fixture = await options.prepare(database.dataSource);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, TEMPORAL_ADDRESS: options.temporalAddress ?? '127.0.0.1:1', LOG_LEVEL: 'error' });
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(PAYMENTS_CONFIG)
    .useValue(options.payments(fixture))
    .overrideProvider(PAYMENT_RELAY_OPTIONS)
    .useValue({ ...DEFAULT_PAYMENT_RELAY_OPTIONS, intervalMs: 100, baseBackoffMs: 100, maxBackoffMs: 500, ...options.relay });
  if (options.sender) builder = builder.overrideProvider(PAYMENT_SIGNAL_SENDER).useValue(options.sender);
  const app = (await builder.compile()).createNestApplication<NestExpressApplication>({ rawBody: true, bufferLogs: true });
  configureApp(app, config);
  await app.init();
  return {
    app,
    config,
    database,
    fixture,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** Polls until `check` passes or `timeoutMs` elapses (then rethrows its last failure). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
