import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs the real API entry point and collects its exit code and stderr. */
function runApi(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'apps/api/src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'error', TEMPORAL_ADDRESS: '127.0.0.1:1', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.trim() });
    });
  });
}

describe('API startup with bad configuration', () => {
  let database: TestDatabase;
  let blocker: Server;
  let busyPort: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    busyPort = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    blocker.close();
    await database.destroy();
  });

  it('stops with one line naming DATABASE_URL when it is malformed', async () => {
    const result = await runApi({ DATABASE_URL: 'mysql://root@localhost/lunas' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Invalid configuration: DATABASE_URL must start with postgres:// (got "mysql://")');
  });

  it('stops with one line when the encryption key is missing outside development', async () => {
    const result = await runApi({ NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: 'x'.repeat(40) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Invalid configuration: LUNAS_ENCRYPTION_KEY is required in production: 32 random bytes as base64 (openssl rand -base64 32)',
    );
  });

  describe('in production with development secrets passed explicitly', () => {
    const production = () => ({
      NODE_ENV: 'production', DATABASE_URL: database.url, LUNAS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), JWT_SECRET: 'p'.repeat(40),
    });

    it('refuses the public development JWT secret', async () => {
      const result = await runApi({ ...production(), JWT_SECRET: 'lunas-development-only-jwt-secret' });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'Invalid configuration: JWT_SECRET is the public development secret, refused in production: set at least 32 random characters (openssl rand -base64 48)',
      );
    });

    it('refuses the sandbox gateway\'s development secret and gateways\' test-mode keys, naming each', async () => {
      const payments = {
        default: { gateway: 'sandbox', baseUrl: 'https://lunas.example.id', secret: 'lunas-sandbox-development-secret' },
        tenants: {
          'mitra-a': { gateway: 'midtrans', environment: 'production', serverKey: 'SB-Mid-server-abc123' },
          'mitra-b': { gateway: 'xendit', secretKey: 'xnd_production_real', callbackToken: 'a-real-callback-token' },
        },
      };
      const result = await runApi({ ...production(), LUNAS_PAYMENTS_CONFIG: JSON.stringify(payments) });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'Invalid configuration: LUNAS_PAYMENTS_CONFIG holds development or sandbox keys, refused in production: ' +
          "default.secret, tenants.mitra-a.serverKey; set each account's production key",
      );
    }, 60_000);
  });

  it('stops with one line when the port is in use', async () => {
    const result = await runApi({ DATABASE_URL: database.url, PORT: String(busyPort) });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toBe(`Invalid configuration: PORT ${busyPort} is already in use; stop the other process or set PORT to a free port`);
  }, 60_000);
});
