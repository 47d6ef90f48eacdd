import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each mitra bills a new subscription at activation (`ActivationBilling`): `prorated` (default) the days of the
 * first period from the activation date, `full_month` the whole first period, `none` nothing (paid elsewhere).
 */
export class TenantActivationBilling1763800014000 implements MigrationInterface {
  name = 'TenantActivationBilling1763800014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN activation_billing varchar(16) NOT NULL DEFAULT 'prorated'
          CONSTRAINT ck_tenants_activation_billing CHECK (activation_billing IN ('prorated', 'full_month', 'none'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants DROP COLUMN activation_billing`);
  }
}
