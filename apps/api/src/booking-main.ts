import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@lunas/config';
import { Logger } from 'nestjs-pino';
import { BookingModule } from './booking/booking.module';
import { exitWithReason } from './bootstrap/fatal';
import { resolvePaymentsConfig } from './payments/payments-config.provider';

/**
 * The booking process: books the webhook inbox and relays payment signals for API processes started with
 * `LUNAS_PAYMENT_BOOKING=separate` (same environment as the API; no HTTP port).
 */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    resolvePaymentsConfig(process.env, config);
  } catch (error) {
    exitWithReason(error);
  }
  try {
    const app = await NestFactory.createApplicationContext(BookingModule.forRoot(config), { bufferLogs: true, abortOnError: false });
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks();
    await app.init();
    process.stdout.write('booking process ready\n');
  } catch (error) {
    exitWithReason(error);
  }
}

void bootstrap();
