import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook intake books asynchronously: the request stores only the verified, normalised event with the
 * gateway account that authenticated it; a processor books it later and stamps `booked_at`. Rows stored
 * before this migration were booked inside their request, so they count as booked when received.
 */
export class PaymentEventBooking1763800006000 implements MigrationInterface {
  name = 'PaymentEventBooking1763800006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE payment_events
        ADD COLUMN event jsonb,
        ADD COLUMN account_id varchar(64),
        ADD COLUMN booked_at timestamptz`);
    await q.query(`UPDATE payment_events SET booked_at = received_at`);
    await q.query(`CREATE INDEX ix_payment_events_unbooked ON payment_events (received_at) WHERE booked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_payment_events_unbooked`);
    await q.query(`ALTER TABLE payment_events DROP COLUMN booked_at, DROP COLUMN account_id, DROP COLUMN event`);
  }
}
