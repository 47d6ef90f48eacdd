import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { DEV_ADMIN_PASSWORD, seedDatabase, Subscription, Tenant } from '@lunas/persistence';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { eventually, freePort } from '@lunas/testing';
import { DATABASE_DOWN, OUTAGE_RETRY_AFTER_SECONDS, TEMPORAL_DOWN } from '../src/common/outage';
import { DEV_SANDBOX_SECRET } from '../src/payments/payments-config.provider';
import { bearer, startTestApp, type TestApp } from './test-app';
import { sandboxWebhook } from './webhooks/gateway-payloads';

const ROOT = path.resolve(__dirname, '../../..');

describe('API during outages', () => {
  describe('Temporal down (medium)', () => {
    let t: TestApp;
    let admin: string;
    let subscription: Subscription;

    beforeAll(async () => {
      t = await startTestApp();
      admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
      const ds = t.database.dataSource;
      const pusat = await ds.getRepository(Tenant).findOneByOrFail({ businessName: 'FiberNode Pusat' });
      subscription = await ds.getRepository(Subscription).findOneByOrFail({ tenantId: pusat.id });
      await ds.getRepository(Subscription).update(subscription.id, { workflowId: `subscription-${subscription.id}` });
    });
    afterAll(async () => t.close());

    it('answers an operator action and a timeline 503 with an Indonesian message and Retry-After', async () => {
      const http = () => request(t.app.getHttpServer());
      const action = await http().post(`/api/v1/subscriptions/${subscription.id}/actions/suspend`).set('Authorization', admin).send({ reason: 'uji' });
      expect(action.status).toBe(503);
      expect(action.body.detail).toBe(TEMPORAL_DOWN);
      expect(action.headers['retry-after']).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
      const timeline = await http().get(`/api/v1/subscriptions/${subscription.id}/timeline`).set('Authorization', admin);
      expect(timeline.status).toBe(503);
      expect(timeline.headers['retry-after']).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
    });
  });

  /**
   * The real API process reaches PostgreSQL through a TCP proxy; "PostgreSQL stops" = the proxy cuts every
   * connection and refuses new ones (what a client sees of a stopped server), "PostgreSQL restarts" = it
   * accepts again. The shared test cluster keeps serving the other test files meanwhile.
   */
  describe('PostgreSQL stops under a running API process', () => {
    let database: TestDatabase;
    let proxy: TcpProxy;
    let api: ChildProcess;
    let output = '';
    let base: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      await seedDatabase(database.dataSource);
      const target = new URL(database.url);
      proxy = new TcpProxy(await freePort(), Number(target.port));
      await proxy.up();
      target.port = String(proxy.port);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      api = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'apps/api/src/main.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env['PATH'] ?? '', SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'),
          DATABASE_URL: target.toString(), PORT: String(port), TEMPORAL_ADDRESS: '127.0.0.1:1', LOG_LEVEL: 'warn',
          // No demo seeding: with Temporal unreachable it would hold the workflow starter relay off its database pass.
          LUNAS_DEMO: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      api.stdout?.on('data', (chunk) => (output += chunk));
      api.stderr?.on('data', (chunk) => (output += chunk));
      await eventually(async () => expect((await login(base)).status).toBe(200), 60_000);
    }, 90_000);
    afterAll(async () => {
      if (api.exitCode === null) {
        api.kill('SIGTERM');
        await new Promise((resolve) => api.once('exit', resolve));
      }
      await proxy.down();
      await database.destroy();
    });

    it('keeps running through the relays\' ticks, answers 503 with Retry-After meanwhile, and serves again once PostgreSQL is back', async () => {
      const { accessToken } = (await (await login(base)).json()) as { accessToken: string };
      await proxy.down();

      const during = await fetch(`${base}/api/v1/subscriptions`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
      expect(((await during.json()) as { detail: string }).detail).toBe(DATABASE_DOWN);
      expect((await login(base)).status).toBe(503);
      const webhook = sandboxWebhook({ id: 'evt_outage', reference: 'SBX-OUTAGE', orderId: 'INV-OUTAGE', status: 'paid', amount: 166_500, secret: DEV_SANDBOX_SECRET });
      const notification = await fetch(`${base}/webhooks/sandbox`, { method: 'POST', headers: webhook.headers, body: webhook.body });
      expect(notification.status).toBe(503);
      expect(notification.headers.get('retry-after')).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));

      // Until the workflow starter's 15 s tick has failed (its connection attempt may take a while on a loaded machine);
      // the payment relay and the inbox processor poll every second meanwhile.
      await eventually(async () => expect(output).toMatch(/workflow starter relay poll failed/), 45_000);
      expect({ exitCode: api.exitCode, signal: api.signalCode }).toEqual({ exitCode: null, signal: null });

      await proxy.up();
      await eventually(async () => expect((await login(base)).status).toBe(200), 20_000);
      const after = await fetch(`${base}/api/v1/subscriptions`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(after.status).toBe(200);
    }, 90_000);
  });
});

function login(base: string): Promise<Response> {
  return fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'superadmin', password: DEV_ADMIN_PASSWORD }),
  }).catch(() => new Response(null, { status: 599 }));
}

/** A loopback TCP proxy that can drop every connection and stop accepting (PostgreSQL "down") and accept again. */
class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(readonly port: number, private readonly targetPort: number) {}

  up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const [socket, other] of [[client, upstream], [upstream, client]] as const) {
        this.sockets.add(socket);
        socket.on('error', () => other.destroy());
        socket.on('close', () => {
          this.sockets.delete(socket);
          other.destroy();
        });
        socket.pipe(other);
      }
    });
    return new Promise((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
