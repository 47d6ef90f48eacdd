import { Agent, request, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from '../src/bootstrap/http-timeouts';
import { startTestApp, type TestApp } from './test-app';

/**
 * Where Node 20's default `keepAliveTimeout` (5 s, the API's until the keep-alive race was fixed) closes an idle
 * connection: 5 s plus the server's 1 s buffer. A request written then on the reused connection got ECONNRESET.
 */
const OLD_IDLE_EDGE_MS = 6_000;

describe('HTTP keep-alive (medium)', () => {
  let t: TestApp;
  let base: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  /** GET on the shared keep-alive agent: the status and whether the request went out on a reused connection. */
  const get = (path: string) =>
    new Promise<{ status: number; reusedSocket: boolean }>((resolve, reject) => {
      const req: ClientRequest = request(`${base}${path}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
      });
      req.on('error', reject);
      req.end();
    });

  it('keeps idle connections open longer than proxies (60 s) and headers longer than that', () => {
    const server = t.app.getHttpServer();
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    expect(server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(HEADERS_TIMEOUT_MS).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
  });

  it('answers requests sent on the reused connection at the old idle edge', async () => {
    expect(await get('/api/docs-json')).toEqual({ status: 200, reusedSocket: false });
    for (const idle of [OLD_IDLE_EDGE_MS, OLD_IDLE_EDGE_MS + 10]) {
      await new Promise((resolve) => setTimeout(resolve, idle));
      expect(await get('/api/docs-json')).toEqual({ status: 200, reusedSocket: true });
    }
  }, 25_000);
});
