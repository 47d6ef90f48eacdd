import { PaymentEvent } from './entities/payment-event.entity';
import { recordPaymentEvent } from './payment-inbox';
import { createTestDatabase, TestDatabase } from './testing/test-database';

describe(recordPaymentEvent.name, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  const event = { gateway: 'xendit', eventId: 'evt-777', rawBody: '{"id":"evt-777","amount":166500}', headers: { 'x-callback-token': 't' } };

  it('stores a new event as pending and reports a redelivery as a duplicate without writing', async () => {
    const first = await recordPaymentEvent(db.dataSource.manager, event);
    const again = await recordPaymentEvent(db.dataSource.manager, { ...event, rawBody: 'tampered' });

    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await db.dataSource.manager.findBy(PaymentEvent, { gateway: 'xendit', eventId: 'evt-777' })).toEqual([
      expect.objectContaining({ id: first.id, status: 'pending', rawBody: event.rawBody }),
    ]);
  });

  it('keeps events of different gateways apart', async () => {
    const a = await recordPaymentEvent(db.dataSource.manager, { ...event, eventId: 'evt-1', gateway: 'midtrans' });
    const b = await recordPaymentEvent(db.dataSource.manager, { ...event, eventId: 'evt-1', gateway: 'tripay' });

    expect([a.duplicate, b.duplicate]).toEqual([false, false]);
    expect(b.id).not.toBe(a.id);
  });
});
