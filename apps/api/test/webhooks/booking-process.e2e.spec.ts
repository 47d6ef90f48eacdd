import request from 'supertest';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { parsePaymentsConfig } from '@lunas/payments';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { BookingModule } from '../../src/booking/booking.module';
import { DEFAULT_PAYMENT_RELAY_OPTIONS, PAYMENT_RELAY_OPTIONS, type PaymentRelayOptions } from '../../src/payments/payment-signal.relay';
import { PAYMENT_SIGNAL_SENDER } from '../../src/payments/payment-signal.sender';
import { PAYMENTS_CONFIG } from '../../src/payments/payments-config.provider';
import { startTestApp, type TestApp } from '../test-app';
import { SANDBOX_SECRET, sandboxWebhook } from './gateway-payloads';
import { eventually, inboxBooked, RecordingSignalSender } from './payments-test-app';

// Issue 24: with LUNAS_PAYMENT_BOOKING=separate the API only takes notifications in; the booking process books them,
// woken by the intake's NOTIFY, and relays their signals, so booking never holds the intake's event loop.
describe('LUNAS_PAYMENT_BOOKING=separate: the booking process', () => {
  const temporal = new RecordingSignalSender();
  const payments = parsePaymentsConfig({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:1', secret: SANDBOX_SECRET } });
  let api: TestApp<SubscriptionFixture>;
  let booking: INestApplicationContext | undefined;
  const db = () => api.database.dataSource;
  let periods = 0;
  /** The invoice paid while no booking process ran. */
  let waiting = '';
  /** Posts a signed sandbox payment of a new invoice; returns the invoice's id. */
  const pay = async () => {
    const invoice = await insertInvoice(db().manager, api.fixture, `2041-0${++periods}`, { number: `INV-${randomUUID().slice(0, 8)}` });
    const webhook = sandboxWebhook({ id: randomUUID(), reference: `SBX-${randomUUID().slice(0, 8)}`, orderId: invoice.number, status: 'paid', amount: 166_500 });
    await request(api.app.getHttpServer()).post('/webhooks/sandbox').set(webhook.headers).send(webhook.body).expect(200);
    return invoice.id;
  };
  const startBooking = async (relay: Partial<PaymentRelayOptions>) => {
    const moduleRef = await Test.createTestingModule({ imports: [BookingModule.forRoot(api.config)] })
      .overrideProvider(PAYMENTS_CONFIG).useValue(payments)
      .overrideProvider(PAYMENT_SIGNAL_SENDER).useValue(temporal)
      .overrideProvider(PAYMENT_RELAY_OPTIONS).useValue({ ...DEFAULT_PAYMENT_RELAY_OPTIONS, ...relay })
      .compile();
    booking = await moduleRef.init();
  };

  beforeAll(async () => {
    api = await startTestApp<SubscriptionFixture>({
      env: { LUNAS_PAYMENT_BOOKING: 'separate' },
      prepare: (dataSource) => insertSubscription(dataSource.manager),
      override: (builder) => builder.overrideProvider(PAYMENTS_CONFIG).useValue(payments).overrideProvider(PAYMENT_SIGNAL_SENDER).useValue(temporal),
    });
  });
  afterAll(async () => {
    await booking?.close();
    await api.close();
  });

  it('leaves booking to the booking process: the API stores the notification and books nothing', async () => {
    expect(api.app.get<PaymentRelayOptions>(PAYMENT_RELAY_OPTIONS).enabled).toBe(false);
    waiting = await pay();
    // Longer than the relay's poll interval: an API that booked would have booked by now.
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_PAYMENT_RELAY_OPTIONS.intervalMs * 2));
    const [row]: Array<{ booked: number }> = await db().query(`SELECT count(*)::int AS booked FROM payment_events WHERE booked_at IS NOT NULL`);
    expect(row.booked).toBe(0);
    expect(temporal.signals).toEqual([]);
  });

  it('books what the API stored and signals it once, woken by the NOTIFY of each new notification, not by its poll', async () => {
    // The poll would first run after a minute: only the intake's notifications can start a booking here.
    await startBooking({ intervalMs: 60_000 });
    const first = await pay();
    await inboxBooked(db(), 5_000);
    await eventually(() => expect(temporal.signals.map((signal) => signal.payload.invoiceId)).toContain(first), 5_000);
    const second = await pay();
    await inboxBooked(db(), 5_000);
    await eventually(() => expect(temporal.signals.map((signal) => signal.payload.invoiceId)).toContain(second), 5_000);
    // The first wake-up's batch took the notification stored before the booking process ran, too.
    expect(temporal.signals.map((signal) => signal.payload.invoiceId).sort()).toEqual([waiting, first, second].sort());
  });
});
