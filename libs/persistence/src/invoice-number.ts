import { formatInvoiceNumber, jakartaDateOf } from '@lunas/domain';
import { EntityManager } from 'typeorm';

/**
 * Allocates the next invoice number of `tenantId` for the Jakarta month of `at`, e.g. `INV/2026/11/000123`.
 *
 * Call it inside the transaction that inserts the invoice: the upsert row-locks the tenant's sequence
 * row until that transaction ends, so concurrent issuers queue, numbers never repeat, and a rolled-back
 * invoice gives its number back (no gaps).
 */
export async function allocateInvoiceNumber(manager: EntityManager, tenantId: string, at: Date): Promise<string> {
  // Invoice numbers are counted per tenant per calendar month in Asia/Jakarta.
  const [year, month] = jakartaDateOf(at.getTime()).split('-');
  const rows: Array<{ last_value: number }> = await manager.query(
    `INSERT INTO invoice_number_sequences (tenant_id, period, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, period) DO UPDATE SET last_value = invoice_number_sequences.last_value + 1
     RETURNING last_value`,
    [tenantId, `${year}-${month}`],
  );
  return formatInvoiceNumber({ year: Number(year), month: Number(month), sequence: Number(rows[0].last_value) });
}
