import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { startTracing } from '@lunas/observability';
import { Logger } from 'nestjs-pino';
import { BookingModule } from './booking/booking.module';
import { exitWithReason, loadConfigOrExit } from './bootstrap/fatal';

/**
 * The booking process: books the webhook inbox and relays payment signals for API processes started with
 * `LUNAS_PAYMENT_BOOKING=separate` (same environment as the API; no HTTP port).
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  try {
    // Before Nest: traces, when `OTEL_*` asks for them (off by default); the relay's signals continue each payment's trace.
    startTracing('lunas-booking');
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
