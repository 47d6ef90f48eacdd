import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invoices and their numbers, payments and their allocation, the webhook inbox, the credit ledger. */
export class BillingAndPayments1763800002000 implements MigrationInterface {
  name = 'BillingAndPayments1763800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_number_sequences (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        period char(7) NOT NULL,
        last_value integer NOT NULL CHECK (last_value > 0),
        PRIMARY KEY (tenant_id, period)
      )`);
    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE RESTRICT,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        number varchar(32) NOT NULL,
        period char(7) NOT NULL CONSTRAINT ck_invoices_period CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        period_start date NOT NULL,
        period_end date NOT NULL,
        issued_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        subtotal bigint NOT NULL CHECK (subtotal >= 0),
        discount_amount bigint NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
        discount_snapshot jsonb,
        dpp bigint NOT NULL CHECK (dpp >= 0),
        ppn_rate numeric(5, 4) NOT NULL CHECK (ppn_rate >= 0 AND ppn_rate < 1),
        ppn_amount bigint NOT NULL CHECK (ppn_amount >= 0),
        total bigint NOT NULL CHECK (total >= 0),
        amount_paid bigint NOT NULL DEFAULT 0,
        status varchar(10) NOT NULL DEFAULT 'unpaid'
          CONSTRAINT ck_invoices_status CHECK (status IN ('unpaid', 'partial', 'paid', 'void')),
        paid_at timestamptz,
        voided_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        receipt_token varchar(64) NOT NULL CONSTRAINT uq_invoices_receipt_token UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_invoices_subscription_period UNIQUE (subscription_id, period),
        CONSTRAINT uq_invoices_tenant_number UNIQUE (tenant_id, number),
        CONSTRAINT ck_invoices_period_range CHECK (period_end >= period_start),
        CONSTRAINT ck_invoices_amount_paid CHECK (amount_paid BETWEEN 0 AND total)
      )`);
    await q.query(`CREATE INDEX ix_invoices_tenant_status_due ON invoices (tenant_id, status, due_at)`);
    await q.query(`CREATE INDEX ix_invoices_tenant_due ON invoices (tenant_id, due_at)`);
    await q.query(`CREATE INDEX ix_invoices_tenant_period ON invoices (tenant_id, period)`);
    await q.query(`CREATE INDEX ix_invoices_customer ON invoices (customer_id, period DESC)`);
    await q.query(`
      CREATE TABLE invoice_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL
          CONSTRAINT ck_invoice_items_kind CHECK (kind IN ('package', 'late_fee', 'proration', 'adjustment')),
        description varchar(255) NOT NULL,
        amount bigint NOT NULL,
        position smallint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_invoice_items_invoice ON invoice_items (invoice_id, position)`);
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        invoice_id uuid REFERENCES invoices (id) ON DELETE RESTRICT,
        customer_id uuid REFERENCES customers (id) ON DELETE RESTRICT,
        gateway varchar(32) NOT NULL,
        gateway_transaction_id varchar(128) NOT NULL,
        method varchar(32) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        status varchar(16) NOT NULL DEFAULT 'pending'
          CONSTRAINT ck_payments_status CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded', 'chargeback')),
        paid_at timestamptz,
        matched_rule varchar(64),
        raw jsonb,
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_payments_gateway_transaction UNIQUE (gateway, gateway_transaction_id)
      )`);
    await q.query(`CREATE INDEX ix_payments_tenant_paid ON payments (tenant_id, paid_at DESC)`);
    await q.query(`CREATE INDEX ix_payments_tenant_status ON payments (tenant_id, status)`);
    await q.query(`CREATE INDEX ix_payments_invoice ON payments (invoice_id)`);
    await q.query(`CREATE INDEX ix_payments_customer ON payments (customer_id)`);
    await q.query(`
      CREATE TABLE payment_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
        amount bigint NOT NULL CHECK (amount > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_payment_allocations_payment_invoice UNIQUE (payment_id, invoice_id)
      )`);
    await q.query(`CREATE INDEX ix_payment_allocations_invoice ON payment_allocations (invoice_id)`);
    await q.query(`
      CREATE TABLE payment_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gateway varchar(32) NOT NULL,
        event_id varchar(200) NOT NULL,
        raw_body text NOT NULL,
        headers jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CONSTRAINT ck_payment_events_status CHECK (status IN ('pending', 'forwarded', 'parked', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        next_attempt_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        forwarded_at timestamptz,
        CONSTRAINT uq_payment_events_gateway_event UNIQUE (gateway, event_id)
      )`);
    await q.query(`CREATE INDEX ix_payment_events_status_next ON payment_events (status, next_attempt_at)`);
    await q.query(`CREATE INDEX ix_payment_events_received ON payment_events (received_at DESC)`);
    await q.query(`
      CREATE TABLE credit_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        invoice_id uuid REFERENCES invoices (id) ON DELETE RESTRICT,
        amount bigint NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_credit_notes_tenant_created ON credit_notes (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_credit_notes_customer ON credit_notes (customer_id)`);
    await q.query(`
      CREATE TABLE adjustments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        kind varchar(16) NOT NULL
          CONSTRAINT ck_adjustments_kind CHECK (kind IN ('credit_note', 'overpayment', 'applied', 'refund', 'manual')),
        amount bigint NOT NULL CHECK (amount <> 0),
        invoice_id uuid REFERENCES invoices (id) ON DELETE RESTRICT,
        payment_id uuid REFERENCES payments (id) ON DELETE RESTRICT,
        credit_note_id uuid REFERENCES credit_notes (id) ON DELETE RESTRICT,
        reason text,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_adjustments_customer_created ON adjustments (customer_id, created_at)`);
    await q.query(`CREATE INDEX ix_adjustments_tenant_created ON adjustments (tenant_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'adjustments', 'credit_notes', 'payment_events', 'payment_allocations', 'payments',
      'invoice_items', 'invoices', 'invoice_number_sequences',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
