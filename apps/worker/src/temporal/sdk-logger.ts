import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/worker';
import type { Logger as Pino } from 'pino';

const PINO_METHOD: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's own log lines (worker, workflow and activity events: "Activity started", "Workflow failed", …)
 * as JSON lines of the app's pino logger, at its level (`LOG_LEVEL`), with the SDK's metadata (workflow id, run id,
 * activity type, attempt, whether the activity is local) as fields and `component: "temporal-sdk"`.
 */
export class PinoSdkLogger implements TemporalLogger {
  constructor(private readonly pino: Pino) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const method = PINO_METHOD[level];
    // The SDK sends its debug lines (two per activity) whatever the level: drop them before building the fields.
    if (!this.pino.isLevelEnabled(method)) return;
    this.pino[method]({ ...meta, component: 'temporal-sdk' }, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
