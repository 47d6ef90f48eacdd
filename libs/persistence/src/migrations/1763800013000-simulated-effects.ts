import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages and network actions that a local stand-in adapter only recorded are `simulated`, not `sent` /
 * `applied`, and every row names the adapter that handled it. Rows written before this migration came from the
 * local stand-ins (the only adapters there were): they become `simulated` too, so the records say what happened.
 */
export class SimulatedEffects1763800013000 implements MigrationInterface {
  name = 'SimulatedEffects1763800013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification_log
        DROP CONSTRAINT ck_notification_log_status,
        ADD CONSTRAINT ck_notification_log_status CHECK (status IN ('pending', 'sent', 'simulated', 'failed', 'skipped')),
        ADD COLUMN adapter varchar(40)`);
    await q.query(`UPDATE notification_log SET status = 'simulated', adapter = 'local-notification', sent_at = NULL WHERE status = 'sent'`);
    await q.query(`
      ALTER TABLE network_action_log
        DROP CONSTRAINT ck_network_action_log_result,
        ADD CONSTRAINT ck_network_action_log_result CHECK (result IN ('pending', 'applied', 'simulated', 'failed', 'skipped')),
        ADD COLUMN adapter varchar(40)`);
    await q.query(`
      UPDATE network_action_log SET result = 'simulated', adapter = 'local-network', detail = detail - 'adapter'
       WHERE result = 'applied' AND detail->>'adapter' = 'local'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notification_log SET status = 'sent', sent_at = created_at WHERE status = 'simulated'`);
    await q.query(`
      ALTER TABLE notification_log
        DROP COLUMN adapter,
        DROP CONSTRAINT ck_notification_log_status,
        ADD CONSTRAINT ck_notification_log_status CHECK (status IN ('pending', 'sent', 'failed', 'skipped'))`);
    await q.query(`UPDATE network_action_log SET result = 'applied', detail = coalesce(detail, '{}') || '{"adapter": "local"}' WHERE result = 'simulated'`);
    await q.query(`
      ALTER TABLE network_action_log
        DROP COLUMN adapter,
        DROP CONSTRAINT ck_network_action_log_result,
        ADD CONSTRAINT ck_network_action_log_result CHECK (result IN ('pending', 'applied', 'failed', 'skipped'))`);
  }
}
