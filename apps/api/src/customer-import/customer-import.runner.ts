import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jakartaDateOf } from '@lunas/domain';
import { Customer, Subscription } from '@lunas/persistence';
import { DataSource, type EntityManager, In } from 'typeorm';
import { BackgroundWork } from '../payments/background-work';
import type { ImportRowValues } from '@lunas/contracts';
import { discountOf, type ClassifiedRow } from './import-rows';

/** Rows written per transaction: one batch is all-or-nothing, so a crash resumes at the batch it was in. */
export const IMPORT_BATCH_ROWS = 500;
const POLL_INTERVAL_MS = 1_000;

type BatchCounts = { created: number; updated: number; unchanged: number; skipped: number };

/**
 * Runs confirmed customer imports in the background, one batch per transaction: the job row is claimed with
 * `FOR UPDATE SKIP LOCKED` (replicas never take the same batch), the batch's rows are written by natural key —
 * customer code and PPPoE user — and the cursor advances in the same commit. A crashed or restarted API resumes
 * at the cursor; a batch written twice finds its rows and changes nothing. New subscriptions are stored without a
 * workflow id: the workflow starter relay starts their workflows.
 */
@Injectable()
export class CustomerImportRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CustomerImportRunner.name);
  private readonly work = new BackgroundWork(this.logger, 'customer import');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.work.startPolling(() => this.runBatch(), POLL_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** Writes the next batch of one running job; true when more batches are waiting. */
  async runBatch(): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const [job]: Array<{ id: string; tenant_id: string; processed_rows: number; total_rows: number }> = await m.query(
        `SELECT id, tenant_id, processed_rows, total_rows FROM customer_import_jobs
          WHERE status = 'running' ORDER BY started_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!job) return false;
      const from = job.processed_rows;
      const to = Math.min(from + IMPORT_BATCH_ROWS, job.total_rows);
      const [{ batch }]: Array<{ batch: ClassifiedRow[] | null }> = await m.query(
        `SELECT jsonb_path_query_array(rows, ('$[' || $2 || ' to ' || $3 || ']')::jsonpath) AS batch FROM customer_import_jobs WHERE id = $1`,
        [job.id, from, to - 1],
      );
      const counts = to > from ? await writeBatch(m, job.tenant_id, batch ?? []) : { created: 0, updated: 0, unchanged: 0, skipped: 0 };
      const done = to >= job.total_rows;
      await m.query(
        `UPDATE customer_import_jobs
            SET processed_rows = $2, created_count = created_count + $3, updated_count = updated_count + $4,
                unchanged_count = unchanged_count + $5, skipped_count = skipped_count + $6,
                status = CASE WHEN $7 THEN 'done' ELSE status END, finished_at = CASE WHEN $7 THEN now() END, updated_at = now()
          WHERE id = $1`,
        [job.id, to, counts.created, counts.updated, counts.unchanged, counts.skipped, done],
      );
      return true;
    });
  }
}

type WritableRow = ClassifiedRow & { values: ImportRowValues; packageId: string };

/** A row the preview found valid and not a duplicate. */
function isWritable(row: ClassifiedRow): row is WritableRow {
  return row.values !== undefined && row.packageId !== undefined && row.status !== 'invalid' && row.status !== 'duplicate';
}

/** Writes one batch by natural key and counts what each row did. */
async function writeBatch(m: EntityManager, tenantId: string, rows: readonly ClassifiedRow[]): Promise<BatchCounts> {
  const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  const writable = rows.filter(isWritable);
  counts.skipped = rows.length - writable.length;
  if (!writable.length) return counts;
  const codes = writable.map((row) => row.values.code);
  const users = writable.map((row) => row.values.pppoeUser);
  const customers = new Map((await m.find(Customer, { where: { tenantId, code: In(codes) } })).map((c) => [c.code, c]));
  const subscriptions = new Set((await m.find(Subscription, { where: { tenantId, pppoeUsername: In(users) }, select: { pppoeUsername: true } })).map((s) => s.pppoeUsername));

  const newCustomers = writable
    .filter((row) => !customers.has(row.values.code))
    .map((row) => {
      const v = row.values;
      return m.create(Customer, { tenantId, code: v.code, name: v.name, phone: v.phone, email: v.email, address: v.address, nik: v.nik, registerDate: v.registerDate });
    });
  if (newCustomers.length) {
    await m.insert(Customer, newCustomers);
    for (const customer of newCustomers) customers.set(customer.code, customer);
  }
  const created = new Set(newCustomers.map((c) => c.code));

  const today = jakartaDateOf(Date.now());
  const newSubscriptions: Subscription[] = [];
  for (const row of writable) {
    const v = row.values;
    const customer = customers.get(v.code) as Customer;
    let changed = false;
    if (!created.has(v.code)) {
      const patch = { name: v.name, phone: v.phone, email: v.email, address: v.address, nik: v.nik };
      if (Object.entries(patch).some(([key, value]) => customer[key as keyof typeof patch] !== value)) {
        await m.update(Customer, { id: customer.id }, patch);
        changed = true;
      }
    }
    if (!subscriptions.has(v.pppoeUser)) {
      const discount = discountOf(v.discount);
      newSubscriptions.push(m.create(Subscription, {
        tenantId, customerId: customer.id, packageId: row.packageId, billingDay: v.billingDay, discountKind: discount.kind, discountValue: discount.value,
        pppoeUsername: v.pppoeUser, startedOn: today, status: 'active', workflowId: null,
      }));
      subscriptions.add(v.pppoeUser);
      changed = true;
    }
    if (created.has(v.code)) counts.created += 1;
    else if (changed) counts.updated += 1;
    else counts.unchanged += 1;
  }
  if (newSubscriptions.length) await m.insert(Subscription, newSubscriptions);
  return counts;
}
