import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboard, finance reports, customer CSV import and mitra settings (issue 22):
 * - `tenant_settings_versions`: every saved version of a mitra's settings (Pengaturan) with the instant it takes
 *   effect; a document uses the latest version effective at its issue time;
 * - `customer_import_jobs`: an uploaded customer CSV, its per-row preview and, once confirmed, the background
 *   job's progress (a cursor over the rows, so a crashed job resumes where it stopped);
 * - indexes the dashboard and the reports read by: invoices by issue date and payment date, voided invoices,
 *   late-fee items, payments by paid date, dunning messages per invoice and template.
 */
export class ReportsImportSettings1763800026000 implements MigrationInterface {
  name = 'ReportsImportSettings1763800026000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_settings_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        version integer NOT NULL CONSTRAINT ck_tenant_settings_versions_version CHECK (version >= 1),
        settings jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_tenant_settings_versions_tenant_version UNIQUE (tenant_id, version)
      )`);
    await q.query(`CREATE INDEX ix_tenant_settings_versions_effective ON tenant_settings_versions (tenant_id, effective_from DESC)`);
    await q.query(`
      CREATE TABLE customer_import_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        file_name varchar(255) NOT NULL,
        file_sha256 char(64) NOT NULL,
        mapping jsonb NOT NULL,
        rows jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'previewed'
          CONSTRAINT ck_customer_import_jobs_status CHECK (status IN ('previewed', 'running', 'done', 'failed')),
        total_rows integer NOT NULL,
        processed_rows integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0,
        updated_count integer NOT NULL DEFAULT 0,
        unchanged_count integer NOT NULL DEFAULT 0,
        skipped_count integer NOT NULL DEFAULT 0,
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_customer_import_jobs_tenant_created ON customer_import_jobs (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_customer_import_jobs_running ON customer_import_jobs (status) WHERE status = 'running'`);
    await q.query(`CREATE INDEX ix_invoices_tenant_issued ON invoices (tenant_id, issued_at)`);
    await q.query(`CREATE INDEX ix_invoices_tenant_paid ON invoices (tenant_id, paid_at) WHERE paid_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_invoices_tenant_voided ON invoices (tenant_id, voided_at) WHERE voided_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_invoice_items_late_fee ON invoice_items (invoice_id) WHERE kind = 'late_fee'`);
    await q.query(`CREATE INDEX ix_notification_log_invoice_template ON notification_log (invoice_id, template) WHERE invoice_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['ix_notification_log_invoice_template', 'ix_invoice_items_late_fee', 'ix_invoices_tenant_voided', 'ix_invoices_tenant_paid', 'ix_invoices_tenant_issued']) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TABLE customer_import_jobs`);
    await q.query(`DROP TABLE tenant_settings_versions`);
  }
}
