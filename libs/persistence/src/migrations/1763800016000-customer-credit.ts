import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit belongs to the customer account and remembers where it came from:
 * - `adjustments.subscription_id`: the subscription whose invoice or payment made (or spent) the credit
 *   (null: credit of the account as a whole, e.g. a manual correction). Existing rows take their invoice's.
 * - `credit_allocations`: credit of one subscription that paid another subscription's invoice (at issue)
 *   or funded a refund on it — one row per (source subscription, invoice or credit note).
 * - Credit notes are numbered per tenant and year (`NK/2026/000001`), and record the payment refunded and
 *   how the refund was funded (`from_credit`, `from_invoice`). Existing notes are numbered in creation order.
 * - The payment outbox carries `credit_moved` (a subscription's credit paid something of another subscription).
 */
export class CustomerCredit1763800016000 implements MigrationInterface {
  name = 'CustomerCredit1763800016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE adjustments ADD COLUMN subscription_id uuid REFERENCES subscriptions (id) ON DELETE RESTRICT`);
    await q.query(`UPDATE adjustments a SET subscription_id = i.subscription_id FROM invoices i WHERE i.id = a.invoice_id`);
    await q.query(`CREATE INDEX ix_adjustments_subscription ON adjustments (subscription_id) WHERE subscription_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE credit_note_number_sequences (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        year integer NOT NULL,
        last_value integer NOT NULL CHECK (last_value > 0),
        PRIMARY KEY (tenant_id, year)
      )`);
    await q.query(`
      ALTER TABLE credit_notes
        ADD COLUMN number varchar(40),
        ADD COLUMN payment_id uuid REFERENCES payments (id) ON DELETE RESTRICT,
        ADD COLUMN subscription_id uuid REFERENCES subscriptions (id) ON DELETE RESTRICT,
        ADD COLUMN from_credit bigint NOT NULL DEFAULT 0 CHECK (from_credit >= 0),
        ADD COLUMN from_invoice bigint NOT NULL DEFAULT 0 CHECK (from_invoice >= 0)`);
    await q.query(`
      WITH numbered AS (
        SELECT n.id, n.tenant_id, extract(year FROM n.created_at AT TIME ZONE 'Asia/Jakarta')::int AS year,
               row_number() OVER (PARTITION BY n.tenant_id, extract(year FROM n.created_at AT TIME ZONE 'Asia/Jakarta') ORDER BY n.created_at, n.id) AS seq
          FROM credit_notes n
      ), stamped AS (
        UPDATE credit_notes c SET number = 'NK/' || numbered.year || '/' || lpad(numbered.seq::text, 6, '0'),
                                  subscription_id = (SELECT i.subscription_id FROM invoices i WHERE i.id = c.invoice_id)
          FROM numbered WHERE numbered.id = c.id
      )
      INSERT INTO credit_note_number_sequences (tenant_id, year, last_value)
      SELECT tenant_id, year, max(seq) FROM numbered GROUP BY tenant_id, year`);
    await q.query(`ALTER TABLE credit_notes ALTER COLUMN number SET NOT NULL`);
    await q.query(`ALTER TABLE credit_notes ADD CONSTRAINT uq_credit_notes_tenant_number UNIQUE (tenant_id, number)`);
    await q.query(`CREATE INDEX ix_credit_notes_payment ON credit_notes (payment_id) WHERE payment_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE credit_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        from_subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE RESTRICT,
        to_subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE RESTRICT,
        invoice_id uuid REFERENCES invoices (id) ON DELETE RESTRICT,
        credit_note_id uuid REFERENCES credit_notes (id) ON DELETE RESTRICT,
        amount bigint NOT NULL CHECK (amount > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_credit_allocations_other CHECK (from_subscription_id <> to_subscription_id),
        CONSTRAINT ck_credit_allocations_target CHECK ((invoice_id IS NULL) <> (credit_note_id IS NULL)),
        CONSTRAINT uq_credit_allocations_invoice UNIQUE (invoice_id, from_subscription_id),
        CONSTRAINT uq_credit_allocations_credit_note UNIQUE (credit_note_id, from_subscription_id)
      )`);
    await q.query(`CREATE INDEX ix_credit_allocations_customer ON credit_allocations (customer_id, created_at)`);
    await q.query(`CREATE INDEX ix_credit_allocations_from ON credit_allocations (from_subscription_id)`);
    await q.query(`CREATE INDEX ix_credit_allocations_to ON credit_allocations (to_subscription_id)`);

    await q.query(`ALTER TABLE payment_signals DROP CONSTRAINT ck_payment_signals_kind`);
    await q.query(`ALTER TABLE payment_signals ADD CONSTRAINT ck_payment_signals_kind CHECK (kind IN ('payment_received', 'balance_reopened', 'credit_moved'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM payment_signals WHERE kind = 'credit_moved'`);
    await q.query(`ALTER TABLE payment_signals DROP CONSTRAINT ck_payment_signals_kind`);
    await q.query(`ALTER TABLE payment_signals ADD CONSTRAINT ck_payment_signals_kind CHECK (kind IN ('payment_received', 'balance_reopened'))`);
    await q.query(`DROP TABLE credit_allocations`);
    await q.query(`ALTER TABLE credit_notes DROP COLUMN from_invoice, DROP COLUMN from_credit, DROP COLUMN subscription_id, DROP COLUMN payment_id, DROP COLUMN number`);
    await q.query(`DROP TABLE credit_note_number_sequences`);
    await q.query(`ALTER TABLE adjustments DROP COLUMN subscription_id`);
  }
}
