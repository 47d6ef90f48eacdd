import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PPN per mitra: each tenant carries its rate (basis points, default 1.100 = 11 %) and whether its package prices
 * include PPN (default: added on top). Each invoice snapshots both: `ppn_rate` (a fraction, now up to 1 = 100 %)
 * and `prices_include_ppn`, so a later change of the tenant's setting never alters an issued invoice.
 */
export class TenantPpn1763800012000 implements MigrationInterface {
  name = 'TenantPpn1763800012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN ppn_rate_basis_points integer NOT NULL DEFAULT 1100
          CONSTRAINT ck_tenants_ppn_rate CHECK (ppn_rate_basis_points BETWEEN 0 AND 10000),
        ADD COLUMN prices_include_ppn boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE invoices ADD COLUMN prices_include_ppn boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_ppn_rate_check`);
    await q.query(`ALTER TABLE invoices ADD CONSTRAINT ck_invoices_ppn_rate CHECK (ppn_rate BETWEEN 0 AND 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT ck_invoices_ppn_rate`);
    await q.query(`ALTER TABLE invoices ADD CONSTRAINT invoices_ppn_rate_check CHECK (ppn_rate >= 0 AND ppn_rate < 1)`);
    await q.query(`ALTER TABLE invoices DROP COLUMN prices_include_ppn`);
    await q.query(`ALTER TABLE tenants DROP COLUMN prices_include_ppn, DROP COLUMN ppn_rate_basis_points`);
  }
}
