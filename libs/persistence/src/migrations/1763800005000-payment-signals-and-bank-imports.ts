import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of `paymentReceived` signals (one per payment, relayed until the subscription workflow has
 * it), bank statement imports (preview, then confirm), and an index to find invoices by number.
 */
export class PaymentSignalsAndBankImports1763800005000 implements MigrationInterface {
  name = 'PaymentSignalsAndBankImports1763800005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_signals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
        payment_event_id uuid REFERENCES payment_events (id) ON DELETE SET NULL,
        workflow_id varchar(200) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CONSTRAINT ck_payment_signals_status CHECK (status IN ('pending', 'forwarded', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        forwarded_at timestamptz,
        CONSTRAINT uq_payment_signals_payment UNIQUE (payment_id)
      )`);
    await q.query(`CREATE INDEX ix_payment_signals_due ON payment_signals (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX ix_payment_signals_event ON payment_signals (payment_event_id)`);
    // Webhooks of the platform's own gateway account name the invoice by number without knowing its tenant.
    await q.query(`CREATE INDEX ix_invoices_number ON invoices (number)`);
    await q.query(`
      CREATE TABLE bank_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        bank varchar(16) NOT NULL CONSTRAINT ck_bank_imports_bank CHECK (bank IN ('bca', 'mandiri', 'bri')),
        file_name varchar(255),
        file_sha256 char(64) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'previewed'
          CONSTRAINT ck_bank_imports_status CHECK (status IN ('previewed', 'confirmed')),
        preview jsonb NOT NULL,
        report jsonb,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        confirmed_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_bank_imports_tenant_created ON bank_imports (tenant_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bank_imports`);
    await q.query(`DROP INDEX ix_invoices_number`);
    await q.query(`DROP TABLE payment_signals`);
  }
}
