import request from 'supertest';
import { parsePaymentsConfig } from '@lunas/payments';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebhookInboxProcessor } from '../../src/webhooks/webhook-inbox.processor';
import { SANDBOX_SECRET, sandboxWebhook } from './gateway-payloads';
import { eventually, inboxBooked, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from './payments-test-app';

// A woken booking loop waits `bookingCoalesceMs` before it claims, so that notifications arriving meanwhile are booked
// by one transaction (issue 24: fewer commits and statements per payment after the webhook's answer).
describe(`${WebhookInboxProcessor.name}: notifications arriving within the coalescing window`, () => {
  const temporal = new RecordingSignalSender();
  let t: PaymentsTestApp<SubscriptionFixture>;
  const db = () => t.database.dataSource;

  beforeAll(async () => {
    t = await startPaymentsTestApp<SubscriptionFixture>({
      sender: temporal,
      prepare: (dataSource) => insertSubscription(dataSource.manager),
      payments: () => parsePaymentsConfig({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:1', secret: SANDBOX_SECRET } }),
      // The poll (which books at once) comes only after the test; the notifications' wakes alone book.
      relay: { bookingCoalesceMs: 3_000, intervalMs: 60_000 },
    });
  });
  afterAll(async () => t.close());

  it('are booked by one transaction, each paid once and signalled once', async () => {
    const invoices = [];
    for (const period of ['2041-01', '2041-02', '2041-03']) {
      invoices.push(await insertInvoice(db().manager, t.fixture, period, { number: `INV-${randomUUID().slice(0, 8)}` }));
    }
    for (const invoice of invoices) {
      const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 });
      await request(t.app.getHttpServer()).post('/webhooks/sandbox').set(webhook.headers).send(webhook.body).expect(200);
      // Far longer than booking one event takes here: without the window, each would be booked by its own transaction.
      await sleep(150);
    }
    await inboxBooked(db());

    // A transaction stamps its rows with its own start time: one stamp, one transaction.
    const stamps: Array<{ booked_at: Date }> = await db().query(`SELECT DISTINCT booked_at FROM payment_events WHERE gateway = 'sandbox'`);
    expect(stamps).toHaveLength(1);
    const ids = invoices.map((invoice) => invoice.id);
    const paid: Array<{ invoice_id: string; n: number }> = await db().query(
      `SELECT invoice_id, count(*)::int AS n FROM payments WHERE invoice_id = ANY($1::uuid[]) GROUP BY invoice_id`, [ids],
    );
    expect(paid.map((row) => [row.invoice_id, row.n]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
    await eventually(() => expect(temporal.signals.map((s) => s.payload.invoiceId).sort()).toEqual([...ids].sort()));
  });
});
