import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@lunas/config';
import { startTracing } from '@lunas/observability';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { DemoSeeder } from './demo/demo-seeder';
import { exitWithReason } from './bootstrap/fatal';
import { resolvePaymentsConfig } from './payments/payments-config.provider';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    // Validated here too, ahead of Nest, so that a bad or development gateway key stops the API in one line.
    resolvePaymentsConfig(process.env, config);
  } catch (error) {
    exitWithReason(error);
  }
  try {
    // Before Nest: traces, when `OTEL_*` asks for them (off by default).
    startTracing('lunas-api');
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      bufferLogs: true,
      rawBody: true,
      abortOnError: false,
    });
    configureApp(app, config);
    app.enableShutdownHooks();
    await app.listen(config.port);
    // After the API listens, so that readiness never waits for it; creates the demo mitra once (see README).
    app.get(DemoSeeder).seedInBackground();
  } catch (error) {
    exitWithReason(error, config.port);
  }
}

void bootstrap();
