import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startTracing } from '@lunas/observability';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { DemoSeeder } from './demo/demo-seeder';
import { exitWithReason, loadConfigOrExit } from './bootstrap/fatal';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
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
