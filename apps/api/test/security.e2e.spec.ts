import request from 'supertest';
import { insertInvoice, insertSubscription } from '@lunas/persistence/testing';
import { MIGRATIONS, type Invoice } from '@lunas/persistence';
import { applySecurityHeaders } from '../src/bootstrap/security-headers';
import { WEBHOOK_RATE_LIMIT } from '../src/webhooks/webhook-route';
import { startTestApp, type TestApp } from './test-app';

/** The directives of a Content-Security-Policy header by name. */
function directives(header: string): Record<string, string[]> {
  return Object.fromEntries(header.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe(applySecurityHeaders.name, () => {
  let t: TestApp<Invoice>;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp<Invoice>({
      prepare: async (dataSource) => insertInvoice(dataSource.manager, await insertSubscription(dataSource.manager), '2026-02'),
      override: (builder) => builder.overrideProvider(WEBHOOK_RATE_LIMIT).useValue({ limit: 3, windowMs: 60_000 }),
    });
  });
  afterAll(async () => t.close());

  describe('headers', () => {
    it.each(['/health', '/api/v1/subscriptions', '/api/docs', '/bayar/abc'])('sends the security headers and no X-Powered-By on %s', async (path) => {
      const response = await http().get(path);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
        'cross-origin-opener-policy': 'same-origin',
      });
      const csp = directives(response.headers['content-security-policy']);
      expect(csp).toMatchObject({
        'default-src': ["'self'"], 'script-src': ["'self'"], 'script-src-attr': ["'none'"], 'object-src': ["'none'"], 'frame-ancestors': ["'none'"],
      });
    });

    it('sends them on the webhook route, which runs ahead of the Nest pipeline', async () => {
      const response = await http().post('/webhooks/sandbox').set('X-Forwarded-For', '203.0.113.99').send({}).expect(401);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('serves the customer portal page with no inline script the policy would block', async () => {
      const page = await http().get(`/bayar/${t.fixture.receiptToken}`).expect(200);
      expect(page.text).toContain('<form method="post"');
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/i);
      expect(page.text).not.toMatch(/\son[a-z]+=/i);
      expect(directives(page.headers['content-security-policy'])['style-src']).toContain("'unsafe-inline'");
      expect(directives(page.headers['content-security-policy'])['form-action']).toEqual(["'self'", 'https:']);
    });
  });

  describe('CORS', () => {
    it('grants no other origin, on a preflight or a request', async () => {
      const preflight = await http().options('/api/v1/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const response = await http().get('/health').set('Origin', 'https://evil.example');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('webhook rate limit', () => {
    it('answers a source address over its limit 429 with Retry-After before reading the notification; other addresses go on', async () => {
      const from = (address: string) => http().post('/webhooks/sandbox').set('X-Forwarded-For', address).send({});
      for (let i = 0; i < 3; i++) await from('203.0.113.7').expect(401);
      const limited = await from('203.0.113.7').expect(429);
      expect(limited.body.detail).toMatch(/^Terlalu banyak notifikasi dari alamat ini\. Coba lagi dalam \d+ detik\.$/);
      // The rest of the 60 s window: a bound far from both ends, whatever the machine's load.
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(30);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      await from('203.0.113.8').expect(401);
    });
  });
});

const RedactWebhookSecrets = MIGRATIONS.find((migration) => migration.name === 'RedactWebhookSecrets1763800011100') as (typeof MIGRATIONS)[number];

describe('RedactWebhookSecrets1763800011100', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('overwrites the Xendit callback token of inbox rows stored before redaction', async () => {
    const db = t.database.dataSource;
    await db.query(
      `INSERT INTO payment_events (gateway, event_id, raw_body, headers) VALUES ('xendit', 'old-1', '{}', $1), ('tripay', 'old-2', '{}', $2)`,
      [JSON.stringify({ 'x-callback-token': 'plaintext-token', 'content-type': 'application/json' }), JSON.stringify({ 'x-callback-signature': 'abc' })],
    );
    const runner = db.createQueryRunner();
    await new RedactWebhookSecrets().up(runner);
    await runner.release();
    const rows: Array<{ event_id: string; headers: unknown }> = await db.query(`SELECT event_id, headers FROM payment_events WHERE event_id LIKE 'old-%' ORDER BY event_id`);
    expect(rows).toEqual([
      { event_id: 'old-1', headers: { 'x-callback-token': '[redacted]', 'content-type': 'application/json' } },
      { event_id: 'old-2', headers: { 'x-callback-signature': 'abc' } },
    ]);
  });
});
