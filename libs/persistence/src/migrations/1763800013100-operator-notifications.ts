import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operators' notification inbox: a message for the operators of a tenant who hold `permission` (e.g. Finance
 * about a chargeback), unique per idempotency key, and who has read it (one row per operator).
 */
export class OperatorNotifications1763800013100 implements MigrationInterface {
  name = 'OperatorNotifications1763800013100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operator_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        permission varchar(64) NOT NULL,
        kind varchar(64) NOT NULL,
        title varchar(255) NOT NULL,
        body text NOT NULL,
        entity_type varchar(32),
        entity_id uuid,
        idempotency_key varchar(200) NOT NULL CONSTRAINT uq_operator_notifications_idempotency_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_operator_notifications_tenant_created ON operator_notifications (tenant_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE operator_notification_reads (
        notification_id uuid NOT NULL REFERENCES operator_notifications (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operator_notification_reads`);
    await q.query(`DROP TABLE operator_notifications`);
  }
}
