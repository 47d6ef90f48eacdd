import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer messaging (#21): a customer's "STOP" for broadcasts, per-mitra templates and messaging settings (send
 * window, quiet dates, anti-ban pacing, SMTP with an encrypted password, receipt field toggles, logo), the message
 * log's category, stable message id, provider id and delivery status, and the Baileys session's PostgreSQL lease
 * and encrypted signal keys, and what customers write (chatbot intents, transfer photos for the kasir).
 */
export class CustomerMessaging1763800025000 implements MigrationInterface {
  name = 'CustomerMessaging1763800025000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ADD COLUMN broadcast_opt_out_at timestamptz`);
    await q.query(`
      CREATE TABLE message_templates (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL,
        variants jsonb NOT NULL CONSTRAINT ck_message_templates_variants CHECK (jsonb_typeof(variants) = 'array' AND jsonb_array_length(variants) > 0),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, kind)
      )`);
    await q.query(`
      CREATE TABLE messaging_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        quiet_dates jsonb NOT NULL DEFAULT '[]',
        pacing jsonb,
        smtp_host varchar(255),
        smtp_port integer CONSTRAINT ck_messaging_settings_smtp_port CHECK (smtp_port BETWEEN 1 AND 65535),
        smtp_secure boolean NOT NULL DEFAULT false,
        smtp_user varchar(255),
        smtp_password text,
        smtp_from varchar(255),
        receipt_fields jsonb NOT NULL DEFAULT '{}',
        logo_data_url text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE notification_log
        ADD COLUMN category varchar(16) NOT NULL DEFAULT 'billing' CONSTRAINT ck_notification_log_category CHECK (category IN ('billing', 'broadcast')),
        ADD COLUMN message_id varchar(64),
        ADD COLUMN provider_message_id varchar(128),
        ADD COLUMN delivery_status varchar(16) CONSTRAINT ck_notification_log_delivery_status CHECK (delivery_status IN ('sent', 'delivered', 'read', 'failed')),
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN read_at timestamptz`);
    await q.query(`CREATE INDEX ix_notification_log_provider_message ON notification_log (provider_message_id) WHERE provider_message_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_notification_log_customer_created ON notification_log (customer_id, created_at DESC)`);
    await q.query(`
      ALTER TABLE whatsapp_sessions
        DROP CONSTRAINT ck_whatsapp_sessions_status,
        ADD CONSTRAINT ck_whatsapp_sessions_status CHECK (status IN ('disconnected', 'connecting', 'connected', 'logged_out')),
        ADD COLUMN lease_owner varchar(100),
        ADD COLUMN lease_expires_at timestamptz,
        ADD COLUMN last_seen_at timestamptz,
        ADD COLUMN qr text,
        ADD COLUMN pairing_phone varchar(20),
        ADD COLUMN pairing_code varchar(16),
        ADD COLUMN pairing_requested_at timestamptz`);
    await q.query(`
      CREATE TABLE whatsapp_auth_keys (
        session_id uuid NOT NULL REFERENCES whatsapp_sessions (id) ON DELETE CASCADE,
        type varchar(64) NOT NULL,
        key_id varchar(255) NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (session_id, type, key_id)
      )`);
    await q.query(`
      CREATE TABLE inbound_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
        invoice_id uuid REFERENCES invoices (id) ON DELETE SET NULL,
        channel varchar(16) NOT NULL DEFAULT 'whatsapp',
        sender varchar(64) NOT NULL,
        provider_message_id varchar(128) NOT NULL,
        text text NOT NULL DEFAULT '',
        image bytea,
        image_type varchar(64),
        intent varchar(16) NOT NULL CONSTRAINT ck_inbound_messages_intent CHECK (intent IN ('tagihan', 'bayar', 'status', 'bukti', 'stop', 'mulai', 'human')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_inbound_messages_provider_message UNIQUE (tenant_id, provider_message_id)
      )`);
    await q.query(`CREATE INDEX ix_inbound_messages_tenant_created ON inbound_messages (tenant_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbound_messages`);
    await q.query(`DROP TABLE whatsapp_auth_keys`);
    await q.query(`UPDATE whatsapp_sessions SET status = 'disconnected' WHERE status = 'logged_out'`);
    await q.query(`
      ALTER TABLE whatsapp_sessions
        DROP COLUMN pairing_requested_at, DROP COLUMN pairing_code, DROP COLUMN pairing_phone, DROP COLUMN qr,
        DROP COLUMN last_seen_at, DROP COLUMN lease_expires_at, DROP COLUMN lease_owner,
        DROP CONSTRAINT ck_whatsapp_sessions_status,
        ADD CONSTRAINT ck_whatsapp_sessions_status CHECK (status IN ('disconnected', 'connecting', 'connected'))`);
    await q.query(`DROP INDEX ix_notification_log_customer_created`);
    await q.query(`DROP INDEX ix_notification_log_provider_message`);
    await q.query(`
      ALTER TABLE notification_log
        DROP COLUMN read_at, DROP COLUMN delivered_at, DROP COLUMN delivery_status,
        DROP COLUMN provider_message_id, DROP COLUMN message_id, DROP COLUMN category`);
    await q.query(`DROP TABLE messaging_settings`);
    await q.query(`DROP TABLE message_templates`);
    await q.query(`ALTER TABLE customers DROP COLUMN broadcast_opt_out_at`);
  }
}
