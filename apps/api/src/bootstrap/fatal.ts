import { ConfigError, loadConfig, type LunasConfig } from '@lunas/config';
import { resolvePaymentsConfig } from '../payments/payments-config.provider';

/**
 * Stops the process with one line that says what to fix. Used for configuration and startup
 * problems an operator can act on (bad variables, port in use, database unreachable).
 */
export function exitWithReason(error: unknown, port?: number): never {
  const line = describeStartupError(error, port);
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

export function describeStartupError(error: unknown, port?: number): string {
  if (error instanceof ConfigError) return error.message;
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'EADDRINUSE') {
    return `Invalid configuration: PORT ${port ?? ''} is already in use; stop the other process or set PORT to a free port`.replace('  ', ' ');
  }
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND') {
    return `Cannot reach PostgreSQL (${err.code}); check DATABASE_URL and that the database is running`;
  }
  if (err?.code === '28P01' || err?.code === '3D000') {
    return `PostgreSQL refused the connection: ${err.message}; check DATABASE_URL`;
  }
  return `Startup failed: ${err?.message ?? String(error)}`;
}

/**
 * The configuration of an API or booking process, with the payment gateways' checked ahead of Nest too, so that a bad
 * or development gateway key stops the process in one line.
 */
export function loadConfigOrExit(): LunasConfig {
  try {
    const config = loadConfig();
    resolvePaymentsConfig(process.env, config);
    return config;
  } catch (error) {
    exitWithReason(error);
  }
}
