import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Customer, DEV_ADMIN_PASSWORD, InternetPackage, Invoice, Tenant } from '@lunas/persistence';
import { activeTracing, startTracing } from '@lunas/observability';
import { eventually, OtlpReceiver, wib, type LiveTemporal, type ReceivedSpan } from '@lunas/testing';
import { DEV_SANDBOX_SECRET } from '../src/payments/payments-config.provider';
import { startLiveTestApp } from './live-test-app';
import { bearer, startTestApp, type TestApp } from './test-app';
import { sandboxWebhook } from './webhooks/gateway-payloads';

/** How long a workflow may take to act on a call: a worker sharing two busy cores can need seconds per task. */
const SETTLE_MS = 60_000;
jest.setTimeout(180_000);

const OTEL_VARIABLES = { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_BSP_SCHEDULE_DELAY: '100' };

/** The spans of one trace, each with the names of its ancestors (root first). */
function ancestry(spans: readonly ReceivedSpan[]): Map<string, string[]> {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const path = (span: ReceivedSpan): string[] => {
    const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
    return parent ? [...path(parent), parent.name] : [];
  };
  return new Map(spans.map((span) => [span.name, path(span)]));
}

// One payment webhook, traced: the API in this process and the real worker app in its own, both exporting over
// OTLP/HTTP to an in-process receiver (the standard OTEL_* variables), against the embedded Temporal server (time
// skipping) running the real subscription workflow. Billing day 5, "Paket 10 Mbps": created Thu 1 Apr 2027 10:00 WIB,
// the 2027-05 invoice (Rp 111.000) is issued Sun 4 Apr 06:00; the customer pays it in full through the sandbox gateway.
describe('traces (OTEL_* set: API, relay, workflow and worker as one trace)', () => {
  let receiver: OtlpReceiver;
  let t: TestApp;
  let live: LiveTemporal;
  let admin: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    // The worker process inherits these (WorkerProcess passes the test's environment on).
    Object.assign(process.env, { ...OTEL_VARIABLES, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    expect(startTracing('lunas-api')).toBeDefined();
    const app = await startLiveTestApp();
    t = app.t;
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    live = await app.startTemporal(wib('2027-04-01 10:00'));
  }, 240_000);
  afterAll(async () => {
    await live?.close();
    await t?.close();
    for (const name of Object.keys(OTEL_VARIABLES)) delete process.env[name];
    await receiver?.close();
  });

  it('follows one payment from the webhook request through the inbox, the relay signal and the workflow to its activities', async () => {
    const db = t.database.dataSource;
    const tenant = await db.getRepository(Tenant).findOneByOrFail({ businessName: 'WiFi Sukamaju' });
    const paket10 = await db.getRepository(InternetPackage).findOneByOrFail({ name: 'Paket 10 Mbps' });
    const customer = await db.getRepository(Customer).save({ tenantId: tenant.id, code: `C-${randomUUID().slice(0, 8)}`, name: 'Rina Lestari', phone: '6281234567890', registerDate: '2027-01-01', whatsappConsent: true });
    const created = await http().post('/api/v1/subscriptions').set('Authorization', admin).send({ customerId: customer.id, packageId: paket10.id, billingDay: 5 }).expect(201);
    expect(created.body.workflowStarted).toBe(true);
    await live.travelTo(wib('2027-04-04 08:00'));
    let invoice: Invoice | null = null;
    await eventually(async () => {
      invoice = await db.getRepository(Invoice).findOneBy({ subscriptionId: created.body.id, period: '2027-05' });
      expect(invoice?.total).toBe(111_000);
    }, SETTLE_MS);

    const paid = invoice as unknown as Invoice;
    const webhook = sandboxWebhook({ id: `evt_${randomUUID()}`, reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: paid.number, status: 'paid', amount: paid.total, secret: DEV_SANDBOX_SECRET, at: new Date(wib('2027-04-04 08:00')) });
    await http().post('/webhooks/sandbox').set(webhook.headers).send(webhook.body).expect(200);
    const [stored] = await db.query(`SELECT trace_parent FROM payment_events WHERE gateway = 'sandbox' ORDER BY received_at DESC LIMIT 1`);
    expect(stored.trace_parent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const traceId = String(stored.trace_parent).split('-')[1];

    // One trace, two processes: every span but the request's has its parent in the trace. Workflow spans leave the
    // worker when their workflow task completes, so wait until the trace has no gaps.
    const orphans = (spans: readonly ReceivedSpan[]) => spans.filter((span) => span.parentSpanId && !spans.some((parent) => parent.spanId === span.parentSpanId));
    await eventually(() => {
      const received = receiver.trace(traceId);
      expect(received.map((span) => span.name)).toEqual(expect.arrayContaining(['RunActivity:applyPayment', 'StartActivity:notify', 'notification send']));
      expect(orphans(received)).toEqual([]);
    }, SETTLE_MS);
    const spans = receiver.trace(traceId);
    const path = ancestry(spans);
    expect(path.get('POST /webhooks/:gateway')).toEqual([]);
    expect(path.get('webhook inbox booking')).toEqual(['POST /webhooks/:gateway']);
    expect(path.get('payment signal relay')).toEqual(['POST /webhooks/:gateway']);
    expect(path.get('SignalWorkflow:paymentReceived')).toEqual(['POST /webhooks/:gateway', 'payment signal relay']);
    expect(path.get('HandleSignal:paymentReceived')).toEqual(['POST /webhooks/:gateway', 'payment signal relay', 'SignalWorkflow:paymentReceived']);
    const signalled = ['POST /webhooks/:gateway', 'payment signal relay', 'SignalWorkflow:paymentReceived', 'HandleSignal:paymentReceived'];
    expect(path.get('StartActivity:applyPayment')).toEqual(signalled);
    expect(path.get('RunActivity:applyPayment')).toEqual([...signalled, 'StartActivity:applyPayment']);
    expect(path.get('RunActivity:notify')).toEqual([...signalled, 'StartActivity:notify']);
    expect(path.get('notification send')).toEqual([...signalled, 'StartActivity:notify', 'RunActivity:notify']);
    const serviceOf = (name: string) => spans.find((span) => span.name === name)?.service;
    expect([serviceOf('POST /webhooks/:gateway'), serviceOf('payment signal relay'), serviceOf('SignalWorkflow:paymentReceived')]).toEqual(['lunas-api', 'lunas-api', 'lunas-api']);
    expect([serviceOf('HandleSignal:paymentReceived'), serviceOf('RunActivity:applyPayment')]).toEqual(['lunas-worker', 'lunas-worker']);
    expect(spans.find((span) => span.name === 'POST /webhooks/:gateway')?.attributes).toMatchObject({ 'http.route': '/webhooks/:gateway', 'http.response.status_code': 200 });
  });
});

describe('traces (no OTEL_* variables)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('installs nothing: a caller\'s traceparent is neither continued nor stored with the webhook', async () => {
    expect(activeTracing()).toBeUndefined();
    const webhook = sandboxWebhook({ id: `evt_${randomUUID()}`, reference: 'SBX-OFF', orderId: 'INV-OFF', status: 'paid', amount: 111_000, secret: DEV_SANDBOX_SECRET });
    await request(t.app.getHttpServer())
      .post('/webhooks/sandbox')
      .set({ ...webhook.headers, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })
      .send(webhook.body)
      .expect(200);
    expect(await t.database.dataSource.query(`SELECT trace_parent FROM payment_events`)).toEqual([{ trace_parent: null }]);
  });
});
