import { ConfigError } from './config-error';
import { loadConfig } from './lunas-config';

const base = { DATABASE_URL: 'postgres://lunas:secret@localhost:5432/lunas' };

describe(loadConfig.name, () => {
  it('fills development defaults', () => {
    const config = loadConfig(base);
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.temporal).toEqual({ address: '127.0.0.1:7233', namespace: 'default', workerQueues: ['billing', 'messaging', 'network'], maxCachedWorkflows: 2000, workflowThreads: 1 });
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.jwt.accessTtlSeconds).toBe(900);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['mysql://x@h/db', /must start with postgres/],
    ['not a url', /not a valid URL/],
    ['postgres://localhost', /must name a host and a database/],
  ])('rejects DATABASE_URL %s with one line saying what to fix', (url, message) => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(message);
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
  });

  it('sizes the worker cache from TEMPORAL_MAX_CACHED_WORKFLOWS and refuses a non-positive value', () => {
    expect(loadConfig({ ...base, TEMPORAL_MAX_CACHED_WORKFLOWS: '10000' }).temporal.maxCachedWorkflows).toBe(10_000);
    expect(() => loadConfig({ ...base, TEMPORAL_MAX_CACHED_WORKFLOWS: '0' })).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS must be a positive whole number \(got "0"\)/);
  });

  it('polls the task queues LUNAS_WORKER_QUEUES lists and refuses an unknown, empty or repeated one', () => {
    expect(loadConfig({ ...base, LUNAS_WORKER_QUEUES: 'messaging, network' }).temporal.workerQueues).toEqual(['messaging', 'network']);
    expect(() => loadConfig({ ...base, LUNAS_WORKER_QUEUES: 'billing,radius' })).toThrow(
      'LUNAS_WORKER_QUEUES must list task queues from billing, messaging, network, comma-separated (unknown: "radius")',
    );
    expect(() => loadConfig({ ...base, LUNAS_WORKER_QUEUES: '' })).toThrow(/LUNAS_WORKER_QUEUES must list task queues .*\(unknown: ""\)/);
    expect(() => loadConfig({ ...base, LUNAS_WORKER_QUEUES: 'billing,billing' })).toThrow('LUNAS_WORKER_QUEUES names a task queue twice (got "billing,billing")');
  });

  it('books gateway payments in the API unless LUNAS_PAYMENT_BOOKING says a separate process does', () => {
    expect(loadConfig(base).paymentBooking).toBe('api');
    expect(loadConfig({ ...base, LUNAS_PAYMENT_BOOKING: 'separate' }).paymentBooking).toBe('separate');
    expect(() => loadConfig({ ...base, LUNAS_PAYMENT_BOOKING: 'worker' })).toThrow('LUNAS_PAYMENT_BOOKING must be one of api, separate (got "worker")');
  });

  it('serves metrics with LUNAS_METRICS_TOKEN and on the worker ports named, none by default', () => {
    expect(loadConfig(base).metrics).toEqual({ token: undefined, workerPort: undefined, temporalPort: undefined });
    const env = { ...base, LUNAS_METRICS_TOKEN: 'a'.repeat(16), LUNAS_WORKER_METRICS_PORT: '9464', LUNAS_TEMPORAL_METRICS_PORT: '9465' };
    expect(loadConfig(env).metrics).toEqual({ token: 'a'.repeat(16), workerPort: 9464, temporalPort: 9465 });
    expect(() => loadConfig({ ...base, LUNAS_METRICS_TOKEN: 'short' })).toThrow('LUNAS_METRICS_TOKEN must be at least 16 characters long');
    expect(() => loadConfig({ ...base, LUNAS_WORKER_METRICS_PORT: '70000' })).toThrow(/LUNAS_WORKER_METRICS_PORT must be a TCP port/);
  });

  it('runs workflow code on TEMPORAL_WORKFLOW_THREADS threads, 1 to 16', () => {
    expect(loadConfig({ ...base, TEMPORAL_WORKFLOW_THREADS: '2' }).temporal.workflowThreads).toBe(2);
    expect(() => loadConfig({ ...base, TEMPORAL_WORKFLOW_THREADS: '0' })).toThrow(/TEMPORAL_WORKFLOW_THREADS must be a positive whole number \(got "0"\)/);
    expect(() => loadConfig({ ...base, TEMPORAL_WORKFLOW_THREADS: '17' })).toThrow(/TEMPORAL_WORKFLOW_THREADS must be at most 16 \(got "17"\)/);
  });

  it('bounds a payment at LUNAS_MAX_PAYMENT_AMOUNT rupiah, Rp 1.000.000.000 by default, and refuses an unsafe or non-positive bound', () => {
    expect(loadConfig(base).maxPaymentAmount).toBe(1_000_000_000);
    expect(loadConfig({ ...base, LUNAS_MAX_PAYMENT_AMOUNT: '50000000' }).maxPaymentAmount).toBe(50_000_000);
    expect(() => loadConfig({ ...base, LUNAS_MAX_PAYMENT_AMOUNT: '0' })).toThrow(/LUNAS_MAX_PAYMENT_AMOUNT must be a positive whole number \(got "0"\)/);
    expect(() => loadConfig({ ...base, LUNAS_MAX_PAYMENT_AMOUNT: '9007199254740993' })).toThrow(/LUNAS_MAX_PAYMENT_AMOUNT must be at most 9007199254740991 rupiah/);
  });

  it('requires DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow('Invalid configuration: DATABASE_URL is required');
  });

  it('requires the encryption key and JWT secret in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/LUNAS_ENCRYPTION_KEY is required in production/);
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', LUNAS_ENCRYPTION_KEY: key })).toThrow(/JWT_SECRET is required/);
  });

  it('refuses the development key and JWT secret in production when they are passed explicitly', () => {
    const production = { ...base, NODE_ENV: 'production', LUNAS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), JWT_SECRET: 'p'.repeat(40) };
    expect(loadConfig(production).jwt.secret).toBe('p'.repeat(40));
    const development = loadConfig(base);
    for (const devKey of [development.encryptionKey.toString('base64'), development.encryptionKey.toString('hex')]) {
      expect(() => loadConfig({ ...production, LUNAS_ENCRYPTION_KEY: devKey })).toThrow(
        'Invalid configuration: LUNAS_ENCRYPTION_KEY is the public development key, refused in production: set 32 random bytes as base64 (openssl rand -base64 32)',
      );
    }
    expect(() => loadConfig({ ...production, JWT_SECRET: development.jwt.secret })).toThrow(
      'Invalid configuration: JWT_SECRET is the public development secret, refused in production: set at least 32 random characters (openssl rand -base64 48)',
    );
    expect(loadConfig({ ...base, JWT_SECRET: development.jwt.secret }).jwt.secret).toBe(development.jwt.secret);
  });

  it('accepts a 32-byte key as base64 or hex and refuses other lengths', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ ...base, LUNAS_ENCRYPTION_KEY: hex }).encryptionKey.equals(Buffer.from(hex, 'hex'))).toBe(true);
    expect(() => loadConfig({ ...base, LUNAS_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/must be 32 bytes .*\(got 5 bytes\)/);
  });

  it.each(['0', '70000', 'abc'])('rejects PORT %s', (port) => {
    expect(() => loadConfig({ ...base, PORT: port })).toThrow(/PORT must be a TCP port/);
  });

  it('rejects a malformed TEMPORAL_ADDRESS and an unknown LOG_LEVEL', () => {
    expect(() => loadConfig({ ...base, TEMPORAL_ADDRESS: 'localhost' })).toThrow(/TEMPORAL_ADDRESS must be host:port/);
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });
});
