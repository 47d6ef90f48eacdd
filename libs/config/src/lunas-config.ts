import { ConfigError } from './config-error';

export type RuntimeEnvironment = 'development' | 'test' | 'production';

/** Everything the API and worker read from the environment, validated once at boot. */
export interface LunasConfig {
  env: RuntimeEnvironment;
  /** HTTP port of the API. Default 3000. */
  port: number;
  databaseUrl: string;
  temporal: {
    address: string;
    namespace: string;
    /**
     * Task queues this worker process polls (`LUNAS_WORKER_QUEUES`, comma-separated; default all three): `billing`
     * (subscription workflows, records), `messaging` (customer messages), `network` (RADIUS/MikroTik). Split them
     * over processes so that a slow outside system holds only its own queue.
     */
    workerQueues: readonly WorkerQueue[];
    /**
     * Sticky workflow cache of one worker. Default 2 000: a cached subscription workflow holds ~0.3 MiB of worker
     * memory (bench/billing: RSS 0.9 GiB at 1 000 cached, 3.4–3.6 GiB at 10 000), so ~1.2 GiB; beyond it an evicted
     * workflow is rebuilt from its short history on its next task. Size it to the subscriptions one worker serves
     * when memory allows.
     */
    maxCachedWorkflows: number;
    /**
     * Threads that run workflow code (`TEMPORAL_WORKFLOW_THREADS`, default 1, at most 16): more than one lets a
     * worker on several cores run activations in parallel; each thread holds its share of the cache.
     */
    workflowThreads: number;
  };
  /** 32-byte AES-256-GCM key for data encrypted at rest (customer NIK). */
  encryptionKey: Buffer;
  jwt: {
    secret: string;
    /** Access token lifetime in seconds. Default 900 (15 minutes): short enough that a stolen token expires soon. */
    accessTtlSeconds: number;
    /** Refresh token lifetime in seconds. Default 604800 (7 days). */
    refreshTtlSeconds: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Folder of the built console served at `/`; absent = not served. */
  consoleDist?: string;
  /** Public base URL used in links sent to customers (pay links, receipts). */
  publicBaseUrl: string;
  /**
   * Largest amount in integer rupiah one payment or refund entered through the API may carry
   * (`LUNAS_MAX_PAYMENT_AMOUNT`). Default Rp 1.000.000.000: about a thousand times a business
   * connection's monthly bill, so a typo of a few extra zeros is refused while any real payment passes.
   */
  maxPaymentAmount: number;
  /**
   * Where gateway payments are booked and signalled (`LUNAS_PAYMENT_BOOKING`): `api` (default) — the API process books
   * the webhook inbox and relays the `payment_signals` outbox after answering; `separate` — the API only takes
   * notifications in, and the booking process (`apps/api/src/booking-main.ts`, any number of replicas) does the rest,
   * woken by the intake's `NOTIFY`, so that booking and relaying never hold the intake's event loop.
   */
  paymentBooking: PaymentBooking;
  metrics: {
    /**
     * Bearer token Prometheus presents to the API's `/metrics` (`LUNAS_METRICS_TOKEN`, at least 16 characters).
     * Unset: `/metrics` answers only connections from loopback (a scraper on the same host).
     */
    token?: string;
    /** Port of the worker's own `/metrics` HTTP server (`LUNAS_WORKER_METRICS_PORT`); unset: not served. */
    workerPort?: number;
    /** Port of the Temporal SDK's Prometheus exporter in the worker (`LUNAS_TEMPORAL_METRICS_PORT`); unset: off. */
    temporalPort?: number;
  };
  messaging: {
    /**
     * Default SMTP server for customer email (`SMTP_URL`, `smtp://user:pass@host:587` or `smtps://…:465`) where a mitra
     * has not set its own; absent: email only for mitra with SMTP settings. `npm start` points it at the sandbox inbox.
     */
    smtpUrl?: string;
    /** Sender of that default server (`SMTP_FROM`). Default `"Lunas" <tagihan@lunas.local>`. */
    smtpFrom: string;
    /** The WhatsApp sandbox stand-in (`WHATSAPP_SANDBOX_URL`); set: WhatsApp goes there instead of Baileys. */
    whatsappSandboxUrl?: string;
  };
}

/** The task queues a worker process may poll; the workflow schedules on exactly these (`TASK_QUEUES` in contracts). */
export const WORKER_QUEUES = ['billing', 'messaging', 'network'] as const;
export type WorkerQueue = (typeof WORKER_QUEUES)[number];

export const PAYMENT_BOOKING_MODES = ['api', 'separate'] as const;
export type PaymentBooking = (typeof PAYMENT_BOOKING_MODES)[number];

type Env = Record<string, string | undefined>;

/** Development-only defaults; refused outside development and test. */
const DEV_ENCRYPTION_KEY = Buffer.alloc(32, 7);
const DEV_JWT_SECRET = 'lunas-development-only-jwt-secret';

export function loadConfig(env: Env = process.env): LunasConfig {
  const runtime = parseRuntime(env['NODE_ENV']);
  const relaxed = runtime !== 'production';
  const port = parsePort('PORT', env['PORT'] ?? '3000');
  return {
    env: runtime,
    port,
    databaseUrl: parseDatabaseUrl(env['DATABASE_URL']),
    temporal: {
      address: parseHostPort('TEMPORAL_ADDRESS', env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233'),
      namespace: nonEmpty('TEMPORAL_NAMESPACE', env['TEMPORAL_NAMESPACE'] ?? 'default'),
      workerQueues: parseWorkerQueues(env['LUNAS_WORKER_QUEUES'] ?? WORKER_QUEUES.join(',')),
      maxCachedWorkflows: parsePositiveInt('TEMPORAL_MAX_CACHED_WORKFLOWS', env['TEMPORAL_MAX_CACHED_WORKFLOWS'] ?? '2000'),
      workflowThreads: parseWorkflowThreads(env['TEMPORAL_WORKFLOW_THREADS'] ?? '1'),
    },
    encryptionKey: parseKey(env['LUNAS_ENCRYPTION_KEY'], relaxed),
    jwt: {
      secret: parseSecret(env['JWT_SECRET'], relaxed),
      accessTtlSeconds: parsePositiveInt('JWT_ACCESS_TTL_SECONDS', env['JWT_ACCESS_TTL_SECONDS'] ?? '900'),
      refreshTtlSeconds: parsePositiveInt('JWT_REFRESH_TTL_SECONDS', env['JWT_REFRESH_TTL_SECONDS'] ?? '604800'),
    },
    logLevel: parseLogLevel(env['LOG_LEVEL'] ?? 'info'),
    consoleDist: env['CONSOLE_DIST'] || undefined,
    publicBaseUrl: parseHttpUrl('PUBLIC_BASE_URL', env['PUBLIC_BASE_URL'] ?? `http://localhost:${port}`),
    maxPaymentAmount: parseMaxPaymentAmount(env['LUNAS_MAX_PAYMENT_AMOUNT'] ?? '1000000000'),
    paymentBooking: parsePaymentBooking(env['LUNAS_PAYMENT_BOOKING'] ?? 'api'),
    metrics: {
      token: parseMetricsToken(env['LUNAS_METRICS_TOKEN']),
      workerPort: optionalPort('LUNAS_WORKER_METRICS_PORT', env['LUNAS_WORKER_METRICS_PORT']),
      temporalPort: optionalPort('LUNAS_TEMPORAL_METRICS_PORT', env['LUNAS_TEMPORAL_METRICS_PORT']),
    },
    messaging: {
      smtpUrl: env['SMTP_URL'] ? parseSmtpUrl(env['SMTP_URL']) : undefined,
      smtpFrom: nonEmpty('SMTP_FROM', env['SMTP_FROM'] ?? '"Lunas" <tagihan@lunas.local>'),
      whatsappSandboxUrl: env['WHATSAPP_SANDBOX_URL'] ? parseHttpUrl('WHATSAPP_SANDBOX_URL', env['WHATSAPP_SANDBOX_URL']) : undefined,
    },
  };
}

function parseSmtpUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    throw new ConfigError('SMTP_URL', `must be smtp://[user:password@]host:port or smtps://… (got "${value}")`);
  }
  return value;
}

function parseWorkflowThreads(value: string): number {
  const threads = parsePositiveInt('TEMPORAL_WORKFLOW_THREADS', value);
  if (threads > 16) throw new ConfigError('TEMPORAL_WORKFLOW_THREADS', `must be at most 16 (got "${value}")`);
  return threads;
}

function parseWorkerQueues(value: string): WorkerQueue[] {
  const names = value.split(',').map((name) => name.trim());
  const isQueue = (name: string): name is WorkerQueue => (WORKER_QUEUES as readonly string[]).includes(name);
  const unknown = names.filter((name) => !isQueue(name));
  if (unknown.length > 0) {
    throw new ConfigError('LUNAS_WORKER_QUEUES', `must list task queues from ${WORKER_QUEUES.join(', ')}, comma-separated (unknown: "${unknown.join('", "')}")`);
  }
  if (new Set(names).size !== names.length) throw new ConfigError('LUNAS_WORKER_QUEUES', `names a task queue twice (got "${value}")`);
  return names.filter(isQueue);
}

function parsePaymentBooking(value: string): PaymentBooking {
  const mode = PAYMENT_BOOKING_MODES.find((known) => known === value);
  if (!mode) throw new ConfigError('LUNAS_PAYMENT_BOOKING', `must be one of ${PAYMENT_BOOKING_MODES.join(', ')} (got "${value}")`);
  return mode;
}

function parseRuntime(value: string | undefined): RuntimeEnvironment {
  const v = value ?? 'development';
  if (v === 'development' || v === 'test' || v === 'production') return v;
  throw new ConfigError('NODE_ENV', `must be development, test or production (got "${v}")`);
}

function nonEmpty(name: string, value: string): string {
  if (!value.trim()) throw new ConfigError(name, 'must not be empty');
  return value;
}

function parseMaxPaymentAmount(value: string): number {
  const amount = parsePositiveInt('LUNAS_MAX_PAYMENT_AMOUNT', value);
  if (!Number.isSafeInteger(amount)) {
    throw new ConfigError('LUNAS_MAX_PAYMENT_AMOUNT', `must be at most ${Number.MAX_SAFE_INTEGER} rupiah (got "${value}")`);
  }
  return amount;
}

function parsePort(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) {
    throw new ConfigError(name, `must be a TCP port between 1 and 65535 (got "${value}")`);
  }
  return n;
}

function optionalPort(name: string, value: string | undefined): number | undefined {
  return value ? parsePort(name, value) : undefined;
}

function parseMetricsToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 16) throw new ConfigError('LUNAS_METRICS_TOKEN', 'must be at least 16 characters long (openssl rand -hex 16)');
  return value;
}

function parsePositiveInt(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new ConfigError(name, `must be a positive whole number (got "${value}")`);
  }
  return Number(value);
}

function parseDatabaseUrl(value: string | undefined): string {
  if (!value) throw new ConfigError('DATABASE_URL', 'is required, e.g. postgres://user:password@localhost:5432/lunas');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL; expected postgres://user:password@host:port/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// (got "${url.protocol}//")`);
  }
  if (!url.hostname || url.pathname.length < 2) {
    throw new ConfigError('DATABASE_URL', 'must name a host and a database, e.g. postgres://user:password@localhost:5432/lunas');
  }
  return value;
}

function parseHostPort(name: string, value: string): string {
  const m = /^([^:\s]+):(\d+)$/.exec(value);
  if (!m) throw new ConfigError(name, `must be host:port (got "${value}")`);
  parsePort(name, m[2]);
  return value;
}

function parseHttpUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/$/, '');
  } catch {
    // reported below
  }
  throw new ConfigError(name, `must be an http(s) URL (got "${value}")`);
}

function parseKey(value: string | undefined, relaxed: boolean): Buffer {
  if (!value) {
    if (relaxed) return DEV_ENCRYPTION_KEY;
    throw new ConfigError('LUNAS_ENCRYPTION_KEY', 'is required in production: 32 random bytes as base64 (openssl rand -base64 32)');
  }
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('LUNAS_ENCRYPTION_KEY', `must be 32 bytes as base64 or 64 hex digits (got ${key.length} bytes)`);
  }
  if (!relaxed && key.equals(DEV_ENCRYPTION_KEY)) {
    throw new ConfigError('LUNAS_ENCRYPTION_KEY', 'is the public development key, refused in production: set 32 random bytes as base64 (openssl rand -base64 32)');
  }
  return key;
}

function parseSecret(value: string | undefined, relaxed: boolean): string {
  if (!value) {
    if (relaxed) return DEV_JWT_SECRET;
    throw new ConfigError('JWT_SECRET', 'is required in production: at least 32 random characters');
  }
  if (value.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  if (!relaxed && value === DEV_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is the public development secret, refused in production: set at least 32 random characters (openssl rand -base64 48)');
  }
  return value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
function parseLogLevel(value: string): LunasConfig['logLevel'] {
  const level = LOG_LEVELS.find((l) => l === value);
  if (!level) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${value}")`);
  return level;
}
