import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Traces across the webhook inbox (issue 23): `payment_events.trace_parent` holds the W3C `traceparent` of the
 * request that stored the event (null while traces are off), so that its booking and the signals it causes continue
 * that request's trace.
 */
export class PaymentEventTraceParent1763800030000 implements MigrationInterface {
  name = 'PaymentEventTraceParent1763800030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_events ADD COLUMN trace_parent varchar(55)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_events DROP COLUMN trace_parent`);
  }
}
