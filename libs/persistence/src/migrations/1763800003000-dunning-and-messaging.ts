import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dunning policies, notification log, network action log, WhatsApp sessions. */
export class DunningAndMessaging1763800003000 implements MigrationInterface {
  name = 'DunningAndMessaging1763800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dunning_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        body jsonb NOT NULL,
        active boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_dunning_policies_tenant_version UNIQUE (tenant_id, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_dunning_policies_one_active ON dunning_policies (tenant_id) WHERE active`);
    await q.query(`
      CREATE TABLE notification_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        subscription_id uuid REFERENCES subscriptions (id) ON DELETE SET NULL,
        invoice_id uuid REFERENCES invoices (id) ON DELETE SET NULL,
        customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
        channel varchar(16) NOT NULL CONSTRAINT ck_notification_log_channel CHECK (channel IN ('whatsapp', 'email', 'sms')),
        template varchar(64) NOT NULL,
        recipient varchar(255) NOT NULL,
        idempotency_key varchar(200) NOT NULL CONSTRAINT uq_notification_log_idempotency_key UNIQUE,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CONSTRAINT ck_notification_log_status CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        body text,
        error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_notification_log_tenant_created ON notification_log (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_notification_log_tenant_status ON notification_log (tenant_id, status)`);
    await q.query(`CREATE INDEX ix_notification_log_invoice ON notification_log (invoice_id)`);
    await q.query(`CREATE INDEX ix_notification_log_subscription ON notification_log (subscription_id)`);
    await q.query(`
      CREATE TABLE network_action_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE RESTRICT,
        action varchar(16) NOT NULL CONSTRAINT ck_network_action_log_action CHECK (action IN ('suspend', 'unsuspend')),
        idempotency_key varchar(200) NOT NULL CONSTRAINT uq_network_action_log_idempotency_key UNIQUE,
        result varchar(16) NOT NULL DEFAULT 'pending'
          CONSTRAINT ck_network_action_log_result CHECK (result IN ('pending', 'applied', 'failed', 'skipped')),
        detail jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_network_action_log_subscription ON network_action_log (subscription_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_network_action_log_tenant_created ON network_action_log (tenant_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE whatsapp_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL CONSTRAINT uq_whatsapp_sessions_tenant UNIQUE REFERENCES tenants (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL DEFAULT 'disconnected'
          CONSTRAINT ck_whatsapp_sessions_status CHECK (status IN ('disconnected', 'connecting', 'connected')),
        phone_number varchar(20),
        creds text,
        last_connected_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['whatsapp_sessions', 'network_action_log', 'notification_log', 'dunning_policies']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
