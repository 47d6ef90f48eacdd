import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox rows stored before redaction kept Xendit's callback token in `payment_events.headers`: overwrite it.
 * Irreversible by design (`down` leaves the rows as they are).
 */
export class RedactWebhookSecrets1763800011100 implements MigrationInterface {
  name = 'RedactWebhookSecrets1763800011100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE payment_events SET headers = headers || '{"x-callback-token": "[redacted]"}'::jsonb WHERE headers ? 'x-callback-token'`);
  }

  async down(): Promise<void> {
    // The tokens are gone; nothing to restore.
  }
}
