import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The finance reports' open balances at an instant (aging, DSO trend, Beranda) read a tenant's invoices that were not
 * paid by then: those still unpaid (this index) and those paid later (`ix_invoices_tenant_paid`), instead of every
 * invoice of the tenant — most of which were paid long before.
 */
export class OpenInvoicesIndex1763800029100 implements MigrationInterface {
  name = 'OpenInvoicesIndex1763800029100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_invoices_tenant_unpaid ON invoices (tenant_id, issued_at) WHERE paid_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_invoices_tenant_unpaid`);
  }
}
