import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IMPORT_FIELD_SPECS, IMPORT_FIELDS, IMPORT_ROW_STATUSES, suggestImportMapping, type ImportJobProgress, type ImportMapping, type ImportPreview,
  type ImportRowStatus,
} from '@lunas/contracts';
import { jakartaDateOf } from '@lunas/domain';
import { Setting, tenantSettingsAt } from '@lunas/persistence';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { reachableTenant } from '../auth/tenant-scope';
import { readImportCsv } from './import-csv';
import { classifyRows, keysOf, loadImportContext } from './import-rows';

/** The settings key under which a tenant's last confirmed column mapping is remembered. */
const MAPPING_KEY = 'customer_import.mapping';

export interface JobRow {
  id: string;
  tenant_id: string;
  file_name: string;
  status: ImportJobProgress['status'];
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  skipped_count: number;
  error: string | null;
}

/**
 * Customer CSV import: a preview job per upload (every row classified, nothing written but the job), then one
 * confirmed background job ({@link CustomerImportRunner}) that writes the customers and subscriptions.
 */
@Injectable()
export class CustomerImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The template CSV: the headers and one example row. */
  template(): string {
    const specs = IMPORT_FIELDS.map((field) => IMPORT_FIELD_SPECS[field]);
    return `\uFEFF${specs.map((s) => s.header).join(',')}\r\n${specs.map((s) => s.example).join(',')}\r\n`;
  }

  async rememberedMapping(user: AuthenticatedUser, tenantId: string): Promise<ImportMapping | null> {
    await reachableTenant(this.dataSource.manager, user, tenantId);
    const row = await this.dataSource.manager.findOneBy(Setting, { tenantId, key: MAPPING_KEY });
    return (row?.value as ImportMapping | undefined) ?? null;
  }

  /**
   * Reads the file (a malformed one is refused with a precise 400 and nothing stored), applies the mapping (given,
   * else the tenant's remembered one, else the template's headers) and classifies every row.
   */
  async preview(user: AuthenticatedUser, tenantId: string, file: { name: string; buffer: Buffer }, given: ImportMapping | null): Promise<ImportPreview> {
    const tenant = await reachableTenant(this.dataSource.manager, user, tenantId);
    const csv = readImportCsv(file.buffer);
    const mapping = given ?? suggestImportMapping(csv.headers, await this.rememberedMapping(user, tenantId));
    const unknown = IMPORT_FIELDS.filter((field) => mapping[field] !== null && !csv.headers.includes(mapping[field] as string));
    if (unknown.length) throw new BadRequestException(`Pemetaan menyebut kolom yang tidak ada di berkas: ${unknown.map((f) => mapping[f]).join(', ')}.`);
    const missing = IMPORT_FIELDS.filter((field) => IMPORT_FIELD_SPECS[field].required && mapping[field] === null);
    if (missing.length) {
      throw new BadRequestException(
        `Kolom wajib tidak ditemukan: ${missing.map((f) => `${IMPORT_FIELD_SPECS[f].header} (${IMPORT_FIELD_SPECS[f].label})`).join(', ')}. ` +
          `Judul kolom berkas: ${csv.headers.join(', ')}. Sesuaikan pemetaan kolom atau gunakan templat.`,
      );
    }
    const settings = await tenantSettingsAt(this.dataSource.manager, tenant.id);
    const context = await loadImportContext(this.dataSource.manager, tenant.id, keysOf(csv, mapping), settings?.billingDefaults.billingDay ?? 1, jakartaDateOf(Date.now()));
    const rows = classifyRows(csv, mapping, context);
    const [job]: JobRow[] = await this.dataSource.query(
      `INSERT INTO customer_import_jobs (tenant_id, created_by, file_name, file_sha256, mapping, rows, total_rows)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [tenant.id, user.userId, file.name.slice(0, 255), createHash('sha256').update(file.buffer).digest('hex'), JSON.stringify(mapping), JSON.stringify(rows), rows.length],
    );
    const counts = Object.fromEntries(IMPORT_ROW_STATUSES.map((status) => [status, 0])) as Record<ImportRowStatus, number>;
    for (const row of rows) counts[row.status] += 1;
    return {
      ...progressOf(job),
      headers: csv.headers,
      mapping,
      counts,
      rows: rows.map(({ line, status, reasons, cells }) => ({ line, status, reasons, cells })),
    };
  }

  /**
   * Starts the import of a previewed job (once: a second confirm is 409) and remembers its mapping for the tenant;
   * audited. The background runner picks it up at once.
   */
  async confirm(user: AuthenticatedUser, jobId: string, ip: string | null): Promise<ImportJobProgress> {
    return this.dataSource.transaction(async (m) => {
      const job = await this.job(m, user, jobId, true);
      if (job.status !== 'previewed') throw new ConflictException('Impor ini sudah dikonfirmasi.');
      const [updated]: [JobRow[], number] = await m.query(
        `UPDATE customer_import_jobs SET status = 'running', started_at = now(), updated_at = now() WHERE id = $1 RETURNING *`,
        [jobId],
      );
      const [{ mapping }]: Array<{ mapping: ImportMapping }> = await m.query(`SELECT mapping FROM customer_import_jobs WHERE id = $1`, [jobId]);
      await this.remember(m, job.tenant_id, mapping);
      await this.audit.record(
        { actorUserId: user.userId, tenantId: job.tenant_id, action: 'customer.import.confirm', entityType: 'customer_import_job', entityId: jobId, after: { fileName: job.file_name, rows: job.total_rows }, sourceIp: ip },
        m,
      );
      return progressOf(updated[0]);
    });
  }

  async progress(user: AuthenticatedUser, jobId: string): Promise<ImportJobProgress> {
    return progressOf(await this.job(this.dataSource.manager, user, jobId, false));
  }

  private async remember(m: EntityManager, tenantId: string, mapping: ImportMapping): Promise<void> {
    const existing = await m.findOneBy(Setting, { tenantId, key: MAPPING_KEY });
    if (existing) await m.update(Setting, { id: existing.id }, { value: mapping as never });
    else await m.insert(Setting, { tenantId, key: MAPPING_KEY, value: mapping as never });
  }

  private async job(m: EntityManager, user: AuthenticatedUser, jobId: string, forUpdate: boolean): Promise<JobRow> {
    const [job]: JobRow[] = await m.query(
      `SELECT id, tenant_id, file_name, status, total_rows, processed_rows, created_count, updated_count, unchanged_count, skipped_count, error
         FROM customer_import_jobs WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [jobId],
    );
    if (!job || (!user.isSuperadmin && job.tenant_id !== user.tenantId)) throw new NotFoundException('Impor tidak ditemukan.');
    return job;
  }
}

export function progressOf(job: JobRow): ImportJobProgress {
  return {
    id: job.id,
    tenantId: job.tenant_id,
    fileName: job.file_name,
    status: job.status,
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    created: job.created_count,
    updated: job.updated_count,
    unchanged: job.unchanged_count,
    skipped: job.skipped_count,
    error: job.error,
  };
}

