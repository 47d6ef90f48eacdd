import request from 'supertest';
import { parsePaymentsConfig } from '@lunas/payments';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { WebhookInboxProcessor } from '../../src/webhooks/webhook-inbox.processor';
import { SANDBOX_SECRET, sandboxWebhook } from './gateway-payloads';
import { eventually, inboxBooked, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from './payments-test-app';

// The "forwarded" mark of a signal sent right after its booking rides with the next booking transaction instead of
// a commit of its own (issue 24: fewer commits after the webhook's answer).
describe(`${WebhookInboxProcessor.name}: forwarded marks written with the next booking`, () => {
  const temporal = new RecordingSignalSender();
  let t: PaymentsTestApp<SubscriptionFixture>;
  const db = () => t.database.dataSource;
  /** Posts a signed sandbox payment of Rp 166.500 for a new invoice; waits until it is booked and its signal sent. */
  const pay = async (period: string) => {
    const invoice = await insertInvoice(db().manager, t.fixture, period, { number: `INV-${randomUUID().slice(0, 8)}` });
    const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 });
    await request(t.app.getHttpServer()).post('/webhooks/sandbox').set(webhook.headers).send(webhook.body).expect(200);
    await inboxBooked(db());
    await eventually(() => expect(temporal.signals.map((s) => s.payload.invoiceId)).toContain(invoice.id));
    return invoice.id;
  };
  /** The outbox row of the invoice's payment and its inbox row's status. */
  const outboxOf = async (invoiceId: string) =>
    ((await db().query(
      `SELECT s.status, e.status AS event_status FROM payment_signals s JOIN payment_events e ON e.id = s.payment_event_id
        WHERE s.payload->>'invoiceId' = $1`,
      [invoiceId],
    )) as Array<{ status: string; event_status: string }>)[0];

  beforeAll(async () => {
    t = await startPaymentsTestApp<SubscriptionFixture>({
      sender: temporal,
      prepare: (dataSource) => insertSubscription(dataSource.manager),
      payments: () => parsePaymentsConfig({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:1', secret: SANDBOX_SECRET } }),
      // Long enough that only the next booking (or shutdown) writes a mark within the test.
      relay: { forwardedMarkDelayMs: 60_000 },
    });
  });
  afterAll(async () => t.close());

  it('leaves a sent signal pending until the next booking, whose transaction marks it and its inbox row forwarded', async () => {
    const first = await pay('2040-01');
    expect(await outboxOf(first)).toMatchObject({ status: 'pending', event_status: 'pending' });

    // The mark waits neither for its own commit nor for the relay's timer (60 s here): the next booking writes it.
    await pay('2040-02');
    expect(await outboxOf(first)).toMatchObject({ status: 'forwarded', event_status: 'forwarded' });
    expect(temporal.signals.filter((s) => s.payload.invoiceId === first)).toHaveLength(1);
  });
});
