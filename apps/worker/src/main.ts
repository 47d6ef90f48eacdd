import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@lunas/config';
import { startTracing } from '@lunas/observability';
import { Logger } from 'nestjs-pino';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

/** Boots the NestJS application context that hosts the Temporal worker; SIGINT/SIGTERM drain it. */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // Before anything else: traces, when `OTEL_*` asks for them (off by default).
  startTracing('lunas-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  const worker = app.get(TemporalWorkerService);
  await worker.start();
  await worker.whenStopped();
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`Worker failed: ${error.message}\n`);
  process.exit(1);
});
