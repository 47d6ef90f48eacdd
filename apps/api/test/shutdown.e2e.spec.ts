import { Agent, request, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HttpDrain } from '../src/bootstrap/http-drain';
import { startTestApp, type TestApp } from './test-app';

/** Far below the 65 s keep-alive timeout that held shutdown before, far above a drain on a loaded machine. */
const PROMPT_MS = 15_000;

// Shutdown as in production (no forced closing of connections): a keep-alive client with an idle connection and a
// request in flight whose body is still on its way when SIGTERM's `app.close()` begins.
describe(HttpDrain.name, () => {
  let t: TestApp;
  let port: number;
  /** Keep-alive clients: one whose connection sits idle, one with a request in flight. */
  const idleClient = new Agent({ keepAlive: true });
  const busyClient = new Agent({ keepAlive: true });

  beforeAll(async () => {
    t = await startTestApp({ forceCloseConnections: false });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    idleClient.destroy();
    busyClient.destroy();
    await t.database.destroy();
  });

  it('finishes the request in flight, closes idle and finished keep-alive connections, and closes promptly', async () => {
    // An idle keep-alive connection (one answered request).
    const idle = await new Promise<Socket>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', path: '/health', agent: idleClient }, (res) => {
        res.resume();
        res.on('end', () => resolve(req.socket as Socket));
      });
      req.on('error', reject);
      req.end();
    });
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));

    // A login whose body is half sent: in flight when the shutdown begins.
    const body = JSON.stringify({ username: 'nobody', password: 'salah-sekali' });
    const inFlight = request({ port, host: '127.0.0.1', path: '/api/v1/auth/login', method: 'POST', agent: busyClient, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } });
    const answer = new Promise<IncomingMessage>((resolve, reject) => {
      inFlight.on('response', resolve);
      inFlight.on('error', reject);
    });
    inFlight.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closing = t.app.close();
    let closed = false;
    void closing.then(() => (closed = true));
    await idleClosed;
    expect(closed).toBe(false);

    inFlight.end(body.slice(10));
    const response = await answer;
    const socketClosed = new Promise<void>((resolve) => response.socket.once('close', () => resolve()));
    response.resume();
    expect(response.statusCode).toBe(401);

    const started = Date.now();
    await Promise.all([closing, socketClosed]);
    expect(Date.now() - started).toBeLessThan(PROMPT_MS);
  }, 90_000);
});
