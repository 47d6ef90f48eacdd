import 'reflect-metadata';
import { constants, setPriority } from 'node:os';
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
  // Booking is background work: gateways wait for the intake's answer, nobody waits for a booking (webhook → workflow
  // state has hundreds of milliseconds to spare). Below-normal priority lets the API's intake and console requests
  // take a core first when the machine is busy; the booking catches up in the gaps.
  setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
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
