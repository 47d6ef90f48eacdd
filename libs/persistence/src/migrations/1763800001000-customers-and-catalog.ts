import { MigrationInterface, QueryRunner } from 'typeorm';

/** Packages, customers (NIK encrypted by the application), subscriptions. */
export class CustomersAndCatalog1763800001000 implements MigrationInterface {
  name = 'CustomersAndCatalog1763800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE packages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        name varchar(255) NOT NULL,
        speed varchar(50) NOT NULL,
        price bigint NOT NULL CHECK (price >= 0),
        description text,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_packages_tenant_name UNIQUE (tenant_id, name)
      )`);
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        code varchar(30) NOT NULL,
        name varchar(255) NOT NULL,
        nik text,
        phone varchar(20) NOT NULL CONSTRAINT ck_customers_phone CHECK (phone ~ '^62[0-9]{8,13}$'),
        email varchar(255),
        address text,
        whatsapp_consent boolean NOT NULL DEFAULT false,
        email_consent boolean NOT NULL DEFAULT false,
        consent_updated_at timestamptz,
        register_date date NOT NULL,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_customers_tenant_code UNIQUE (tenant_id, code)
      )`);
    await q.query(`CREATE INDEX ix_customers_tenant_name ON customers (tenant_id, name)`);
    await q.query(`CREATE INDEX ix_customers_tenant_phone ON customers (tenant_id, phone)`);
    await q.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        package_id uuid NOT NULL REFERENCES packages (id) ON DELETE RESTRICT,
        billing_day smallint NOT NULL CONSTRAINT ck_subscriptions_billing_day CHECK (billing_day BETWEEN 1 AND 28),
        discount_kind varchar(10) NOT NULL DEFAULT 'none'
          CONSTRAINT ck_subscriptions_discount_kind CHECK (discount_kind IN ('none', 'fixed', 'percent')),
        discount_value integer NOT NULL DEFAULT 0,
        status varchar(16) NOT NULL DEFAULT 'active'
          CONSTRAINT ck_subscriptions_status CHECK (status IN ('active', 'suspended', 'cancelled')),
        pppoe_username varchar(64),
        workflow_id varchar(200) CONSTRAINT uq_subscriptions_workflow_id UNIQUE,
        started_on date NOT NULL,
        suspended_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_subscriptions_tenant_pppoe UNIQUE (tenant_id, pppoe_username),
        CONSTRAINT ck_subscriptions_discount_value CHECK (
          (discount_kind = 'none' AND discount_value = 0)
          OR (discount_kind = 'fixed' AND discount_value > 0)
          OR (discount_kind = 'percent' AND discount_value BETWEEN 1 AND 100))
      )`);
    await q.query(`CREATE INDEX ix_subscriptions_customer ON subscriptions (customer_id)`);
    await q.query(`CREATE INDEX ix_subscriptions_package ON subscriptions (package_id)`);
    await q.query(`CREATE INDEX ix_subscriptions_tenant_status ON subscriptions (tenant_id, status)`);
    await q.query(`CREATE INDEX ix_subscriptions_tenant_billing_day ON subscriptions (tenant_id, billing_day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['subscriptions', 'customers', 'packages']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
