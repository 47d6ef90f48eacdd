import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { parsePaymentsConfig } from '@lunas/payments';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { API_SERIES, chartedSeries, exportedSeries, prometheusSample } from '@lunas/testing';
import { mountMetricsRoute } from '../src/observability/metrics-route';
import { SANDBOX_SECRET, sandboxWebhook } from './webhooks/gateway-payloads';
import { eventually, inboxBooked, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from './webhooks/payments-test-app';
import { startTestApp, type TestApp } from './test-app';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe(mountMetricsRoute.name, () => {
  describe('on loopback without a token', () => {
    const temporal = new RecordingSignalSender();
    let t: PaymentsTestApp<SubscriptionFixture>;
    const metrics = async () => (await request(t.app.getHttpServer()).get('/metrics').expect(200)).text;

    beforeAll(async () => {
      t = await startPaymentsTestApp<SubscriptionFixture>({
        sender: temporal,
        prepare: (dataSource) => insertSubscription(dataSource.manager),
        payments: () => parsePaymentsConfig({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:1', secret: SANDBOX_SECRET } }),
      });
    });
    afterAll(async () => t.close());

    it('counts a stored, a duplicate and a refused webhook, the booked payment, its relay lag and the route latency', async () => {
      const before = await metrics();
      const invoice = await insertInvoice(t.database.dataSource.manager, t.fixture, '2031-01', { number: `INV-${randomUUID().slice(0, 8)}` });
      const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 });
      const post = (body: { body: string; headers: Record<string, string> }) => request(t.app.getHttpServer()).post('/webhooks/sandbox').set(body.headers).send(body.body);
      await post(webhook).expect(200);
      await post(webhook).expect(200);
      await post({ ...webhook, body: webhook.body.replace('166500', '1665000') }).expect(401);
      await inboxBooked(t.database.dataSource);
      await eventually(() => expect(temporal.signals).toHaveLength(1));

      const after = await metrics();
      const moved = (series: string) => prometheusSample(after, series) - prometheusSample(before, series);
      expect(moved('lunas_webhook_events_total{gateway="sandbox",outcome="stored"}')).toBe(1);
      expect(moved('lunas_webhook_events_total{gateway="sandbox",outcome="duplicate"}')).toBe(1);
      expect(moved('lunas_webhook_events_total{gateway="sandbox",outcome="rejected"}')).toBe(1);
      expect(moved('lunas_payments_booked_total{source="gateway"}')).toBe(1);
      expect(moved('lunas_webhook_relay_lag_seconds_count')).toBe(1);
      expect(moved('lunas_http_request_duration_seconds_count{method="POST",route="/webhooks/:gateway",status="200"}')).toBe(2);
      expect(moved('lunas_http_request_duration_seconds_count{method="POST",route="/webhooks/:gateway",status="401"}')).toBe(1);
      expect(prometheusSample(after, 'lunas_webhook_inbox_depth')).toBe(0);
    });

    it('exports every API series of the Grafana dashboard (scraped after the webhooks above)', async () => {
      const exported = exportedSeries(await metrics());
      const api = chartedSeries().charted.filter((c) => API_SERIES.test(c.series));
      expect(api.length).toBeGreaterThanOrEqual(5);
      expect(api.filter((c) => !exported.has(c.series))).toEqual([]);
    });

    it('labels Nest routes with their template, never the id', async () => {
      await request(t.app.getHttpServer()).get(`/api/v1/invoices/${randomUUID()}`).expect(401);
      const text = await metrics();
      expect(prometheusSample(text, 'lunas_http_request_duration_seconds_count{method="GET",route="/api/v1/invoices/:id",status="401"}')).toBe(1);
      expect(text).not.toMatch(/route="\/api\/v1\/invoices\/[0-9a-f-]{36}"/);
    });

    it('counts webhook rows waiting to be booked as the inbox depth', async () => {
      await t.database.dataSource.query(
        `INSERT INTO payment_events (gateway, event_id, raw_body, headers, status, next_attempt_at) VALUES ('sandbox', $1, '{}', '{}', 'pending', now() + interval '1 day')`,
        [randomUUID()],
      );
      expect(prometheusSample(await metrics(), 'lunas_webhook_inbox_depth')).toBe(1);
    });
  });

  describe('with LUNAS_METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { LUNAS_METRICS_TOKEN: METRICS_TOKEN } });
    });
    afterAll(async () => t.close());

    it('answers only a scraper presenting the token, with problem details otherwise', async () => {
      const server = t.app.getHttpServer();
      const refused = await request(server).get('/metrics').expect(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.detail).toBe('Token metrik tidak valid.');
      await request(server).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
      const answered = await request(server).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(answered.headers['content-type']).toContain('text/plain');
      expect(answered.text).toContain('# TYPE lunas_invoices_issued_total counter');
    });

    it('answers every request with an X-Request-Id: the caller\'s when well-formed, a new one otherwise', async () => {
      const server = t.app.getHttpServer();
      const mine = 'req-2026-12-06.abc:1';
      expect((await request(server).get('/health').set('X-Request-Id', mine)).headers['x-request-id']).toBe(mine);
      const replaced = (await request(server).get('/health').set('X-Request-Id', 'bad id\twith spaces')).headers['x-request-id'];
      expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
      const ids = await Promise.all([request(server).get('/nope'), request(server).post('/webhooks/nope').send('{}')]);
      for (const answer of ids) expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(ids.map((answer) => answer.headers['x-request-id'])).size).toBe(2);
    });
  });
});
