import { EntityManager } from 'typeorm';
import { PaymentEvent } from './entities/payment-event.entity';

export interface IncomingPaymentEvent {
  gateway: string;
  eventId: string;
  /** The request body exactly as received. */
  rawBody: string;
  headers: Record<string, string | string[]>;
}

export interface RecordedPaymentEvent {
  id: string;
  /** True when (gateway, eventId) was already in the inbox: nothing was written; answer 2xx again. */
  duplicate: boolean;
}

/**
 * Stores a verified webhook in the inbox as `pending`, once per (gateway, event id). A redelivery of the
 * same event returns the existing row with `duplicate: true` instead of failing.
 */
export async function recordPaymentEvent(manager: EntityManager, event: IncomingPaymentEvent): Promise<RecordedPaymentEvent> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(PaymentEvent)
    .values({ ...event })
    .orIgnore()
    .returning(['id'])
    .updateEntity(false)
    .execute();
  const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
  if (id) return { id, duplicate: false };
  const existing = await manager.findOneByOrFail(PaymentEvent, { gateway: event.gateway, eventId: event.eventId });
  return { id: existing.id, duplicate: true };
}
