import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the billing console needs:
 * - customers can be deactivated (kept with their history) instead of deleted;
 * - an audit row carries the reason a person gave;
 * - a mitra has a contact, the reference of its account at the payment gateway and a list of bank accounts for
 *   transfers (the single bank columns move into that list);
 * - the console's lists stay index-backed with 100 000 customers: trigram indexes (pg_trgm) for the search by
 *   name, customer number, phone and PPPoE username (and invoice number), and indexes for each list's default order.
 */
export class Console1763800022000 implements MigrationInterface {
  name = 'Console1763800022000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ADD COLUMN is_active boolean NOT NULL DEFAULT true, ADD COLUMN deactivated_at timestamptz`);
    await q.query(`ALTER TABLE audit_log ADD COLUMN reason text`);

    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN contact_name varchar(255),
        ADD COLUMN email varchar(255),
        ADD COLUMN gateway_account_ref varchar(100),
        ADD COLUMN bank_accounts jsonb NOT NULL DEFAULT '[]'::jsonb CONSTRAINT ck_tenants_bank_accounts CHECK (jsonb_typeof(bank_accounts) = 'array')`);
    await q.query(`
      UPDATE tenants
         SET bank_accounts = jsonb_build_array(jsonb_build_object('bankName', bank_name, 'accountNumber', bank_account, 'holder', coalesce(bank_holder, business_name)))
       WHERE bank_name IS NOT NULL AND bank_account IS NOT NULL`);
    await q.query(`ALTER TABLE tenants DROP COLUMN bank_name, DROP COLUMN bank_account, DROP COLUMN bank_holder`);

    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX ix_customers_name_trgm ON customers USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_customers_code_trgm ON customers USING gin (code gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_customers_phone_trgm ON customers USING gin (phone gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_invoices_number_trgm ON invoices USING gin (number gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_subscriptions_pppoe_trgm ON subscriptions USING gin (pppoe_username gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_customers_created ON customers (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_customers_tenant_created ON customers (tenant_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_subscriptions_created ON subscriptions (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_subscriptions_tenant_created ON subscriptions (tenant_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_invoices_due ON invoices (due_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_invoices_tenant_due_id ON invoices (tenant_id, due_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_payments_created ON payments (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_payments_tenant_created ON payments (tenant_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_log_created ON audit_log (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'ix_audit_log_created', 'ix_payments_tenant_created', 'ix_payments_created', 'ix_invoices_tenant_due_id', 'ix_invoices_due', 'ix_subscriptions_tenant_created',
      'ix_subscriptions_created', 'ix_customers_tenant_created', 'ix_customers_created', 'ix_subscriptions_pppoe_trgm', 'ix_customers_phone_trgm',
      'ix_invoices_number_trgm', 'ix_customers_code_trgm', 'ix_customers_name_trgm',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`ALTER TABLE tenants ADD COLUMN bank_name varchar(100), ADD COLUMN bank_account varchar(50), ADD COLUMN bank_holder varchar(255)`);
    await q.query(`
      UPDATE tenants SET bank_name = bank_accounts->0->>'bankName', bank_account = bank_accounts->0->>'accountNumber', bank_holder = bank_accounts->0->>'holder'
       WHERE jsonb_array_length(bank_accounts) > 0`);
    await q.query(`ALTER TABLE tenants DROP COLUMN bank_accounts, DROP COLUMN gateway_account_ref, DROP COLUMN email, DROP COLUMN contact_name`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN reason`);
    await q.query(`ALTER TABLE customers DROP COLUMN deactivated_at, DROP COLUMN is_active`);
  }
}
