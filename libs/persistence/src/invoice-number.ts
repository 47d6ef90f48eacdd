import { TZDate } from '@date-fns/tz';
import { EntityManager } from 'typeorm';

/** Invoice numbers are counted per tenant per calendar month in Asia/Jakarta. */
const TIME_ZONE = 'Asia/Jakarta';
/** Digits of the running number: `000123`; a 1,000,000th invoice in one month simply grows a digit. */
const SEQUENCE_DIGITS = 6;

/**
 * Allocates the next invoice number of `tenantId` for the Jakarta month of `at`, e.g. `INV/2026/11/000123`.
 *
 * Call it inside the transaction that inserts the invoice: the upsert row-locks the tenant's sequence
 * row until that transaction ends, so concurrent issuers queue, numbers never repeat, and a rolled-back
 * invoice gives its number back (no gaps).
 */
export async function allocateInvoiceNumber(manager: EntityManager, tenantId: string, at: Date): Promise<string> {
  const local = new TZDate(at.getTime(), TIME_ZONE);
  const year = String(local.getFullYear());
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const rows: Array<{ last_value: number }> = await manager.query(
    `INSERT INTO invoice_number_sequences (tenant_id, period, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, period) DO UPDATE SET last_value = invoice_number_sequences.last_value + 1
     RETURNING last_value`,
    [tenantId, `${year}-${month}`],
  );
  return `INV/${year}/${month}/${String(rows[0].last_value).padStart(SEQUENCE_DIGITS, '0')}`;
}
