import { AGING_BUCKET_LABELS, AGING_BUCKETS, type FinanceReportKind, type ReportColumn } from '@lunas/contracts';
import type { JakartaRange } from './finance-range';
import { AGING_BUCKET_OF, JAKARTA_MONTH, LATE_FEE_OF, OPEN_AT, TENANT_OF } from './finance-sql';

/**
 * One finance report: its columns (Indonesian headers, as exported) and one statement whose result columns are
 * the column keys. Statements take `$1` tenant (NULL = all), `$2`/`$3` the range's bounding instants.
 * `dso-trend` is computed month by month from the same building blocks (see `ReportsService`).
 */
export interface SqlReport {
  readonly columns: readonly ReportColumn[];
  readonly sql: string;
  readonly params: (tenantId: string | null, range: JakartaRange) => unknown[];
}

const byRange = (tenantId: string | null, range: JakartaRange) => [tenantId, range.start, range.end];
const col = (key: string, label: string, type: ReportColumn['type']): ReportColumn => ({ key, label, type });

/** Aging AR per customer at the end of the range: each open balance in its bucket by days past due. */
const aging: SqlReport = {
  columns: [
    col('customerCode', 'Kode Pelanggan', 'text'),
    col('customerName', 'Nama Pelanggan', 'text'),
    col('mitra', 'Mitra', 'text'),
    ...AGING_BUCKETS.map((bucket) => col(bucket, AGING_BUCKET_LABELS[bucket], 'rupiah')),
    col('total', 'Total Piutang', 'rupiah'),
  ],
  // Materialised: each open invoice's balance and days past due are computed once, not once per bucket column.
  sql: `
    WITH open AS MATERIALIZED (${OPEN_AT('$2')})
    SELECT c.code AS "customerCode", c.name AS "customerName", t.business_name AS mitra,
           ${AGING_BUCKETS.map((bucket) => `coalesce(sum(o.balance) FILTER (WHERE o.bucket = '${bucket}'), 0)::bigint AS "${bucket}"`).join(', ')},
           sum(o.balance)::bigint AS total
      FROM (SELECT open.*, ${AGING_BUCKET_OF('open.days_past_due')} AS bucket FROM open WHERE open.balance > 0) o
      JOIN customers c ON c.id = o.customer_id
      JOIN tenants t ON t.id = o.tenant_id
     GROUP BY c.id, c.code, c.name, t.business_name
     ORDER BY total DESC, c.code`,
  params: (tenantId, range) => [tenantId, range.end],
};

const revenueByMitra: SqlReport = {
  columns: [
    col('mitra', 'Mitra', 'text'),
    col('invoices', 'Jumlah Tagihan', 'count'),
    col('dpp', 'DPP', 'rupiah'),
    col('ppn', 'PPN', 'rupiah'),
    col('lateFees', 'Denda', 'rupiah'),
    col('billed', 'Total Ditagihkan', 'rupiah'),
    col('collected', 'Terkumpul', 'rupiah'),
  ],
  sql: `
    SELECT t.business_name AS mitra, coalesce(inv.invoices, 0)::int AS invoices,
           coalesce(inv.dpp, 0)::bigint AS dpp, coalesce(inv.ppn, 0)::bigint AS ppn,
           coalesce(fee.amount, 0)::bigint AS "lateFees", (coalesce(inv.total, 0) + coalesce(fee.amount, 0))::bigint AS billed,
           coalesce(pay.amount, 0)::bigint AS collected
      FROM tenants t
      LEFT JOIN LATERAL (
        SELECT count(*) AS invoices, sum(i.dpp) AS dpp, sum(i.ppn_amount) AS ppn, sum(i.total) AS total FROM invoices i
         WHERE i.tenant_id = t.id AND i.issued_at >= $2 AND i.issued_at < $3 AND i.status <> 'void'
      ) inv ON true
      LEFT JOIN LATERAL (
        SELECT sum(ii.amount) AS amount FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
         WHERE ii.kind = 'late_fee' AND i.tenant_id = t.id AND i.issued_at >= $2 AND i.issued_at < $3 AND i.status <> 'void'
      ) fee ON true
      LEFT JOIN LATERAL (
        SELECT sum(p.amount) AS amount FROM payments p WHERE p.tenant_id = t.id AND p.status = 'succeeded' AND p.paid_at >= $2 AND p.paid_at < $3
      ) pay ON true
     WHERE ${TENANT_OF('t.id')}
     ORDER BY billed DESC, t.business_name`,
  params: byRange,
};

/** Package revenue (DPP + PPN, late fees are not a package's) by the subscription's package. */
const revenueByPackage: SqlReport = {
  columns: [
    col('package', 'Paket', 'text'),
    col('mitra', 'Mitra', 'text'),
    col('invoices', 'Jumlah Tagihan', 'count'),
    col('dpp', 'DPP', 'rupiah'),
    col('ppn', 'PPN', 'rupiah'),
    col('billed', 'Total (DPP + PPN)', 'rupiah'),
  ],
  sql: `
    SELECT pk.name AS package, t.business_name AS mitra, count(*)::int AS invoices,
           sum(i.dpp)::bigint AS dpp, sum(i.ppn_amount)::bigint AS ppn, sum(i.total)::bigint AS billed
      FROM invoices i
      JOIN subscriptions s ON s.id = i.subscription_id
      JOIN packages pk ON pk.id = s.package_id
      JOIN tenants t ON t.id = i.tenant_id
     WHERE ${TENANT_OF('i.tenant_id')} AND i.issued_at >= $2 AND i.issued_at < $3 AND i.status <> 'void'
     GROUP BY pk.id, pk.name, t.business_name
     ORDER BY billed DESC, pk.name`,
  params: byRange,
};

/** PPN of invoices paid in full, by the Jakarta month they were paid (cash basis, for the monthly tax report). */
const ppnMonthly: SqlReport = {
  columns: [
    col('month', 'Bulan', 'month'),
    col('invoices', 'Jumlah Tagihan Lunas', 'count'),
    col('dpp', 'DPP', 'rupiah'),
    col('ppn', 'PPN Terkumpul', 'rupiah'),
    col('total', 'Total (DPP + PPN)', 'rupiah'),
  ],
  sql: `
    SELECT ${JAKARTA_MONTH('i.paid_at')} AS month, count(*)::int AS invoices,
           sum(i.dpp)::bigint AS dpp, sum(i.ppn_amount)::bigint AS ppn, sum(i.total)::bigint AS total
      FROM invoices i
     WHERE ${TENANT_OF('i.tenant_id')} AND i.status = 'paid' AND i.paid_at >= $2 AND i.paid_at < $3
     GROUP BY 1 ORDER BY 1`,
  params: byRange,
};

const paymentsByMethod: SqlReport = {
  columns: [
    col('gateway', 'Gateway', 'text'),
    col('method', 'Metode', 'text'),
    col('payments', 'Jumlah Pembayaran', 'count'),
    col('amount', 'Nominal', 'rupiah'),
  ],
  sql: `
    SELECT p.gateway, p.method, count(*)::int AS payments, sum(p.amount)::bigint AS amount
      FROM payments p
     WHERE ${TENANT_OF('p.tenant_id')} AND p.status = 'succeeded' AND p.paid_at >= $2 AND p.paid_at < $3
     GROUP BY p.gateway, p.method ORDER BY amount DESC, p.gateway, p.method`,
  params: byRange,
};

/**
 * Late fees by Jakarta month: billed = late-fee items added that month (a waiver, a negative item, counts in its
 * month); collected = the late fee of invoices paid in full that month.
 */
const lateFees: SqlReport = {
  columns: [
    col('month', 'Bulan', 'month'),
    col('billed', 'Denda Ditagihkan', 'rupiah'),
    col('collected', 'Denda Terkumpul', 'rupiah'),
  ],
  sql: `
    WITH billed AS (
      SELECT ${JAKARTA_MONTH('ii.created_at')} AS month, sum(ii.amount)::bigint AS amount
        FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
       WHERE ii.kind = 'late_fee' AND ${TENANT_OF('i.tenant_id')} AND i.status <> 'void' AND ii.created_at >= $2 AND ii.created_at < $3
       GROUP BY 1
    ), collected AS (
      SELECT ${JAKARTA_MONTH('i.paid_at')} AS month, sum(ii.amount)::bigint AS amount
        FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
       WHERE ii.kind = 'late_fee' AND ${TENANT_OF('i.tenant_id')} AND i.status = 'paid' AND i.paid_at >= $2 AND i.paid_at < $3
       GROUP BY 1
    )
    SELECT month, coalesce(billed.amount, 0)::bigint AS billed, coalesce(collected.amount, 0)::bigint AS collected
      FROM billed FULL JOIN collected USING (month)
     WHERE coalesce(billed.amount, 0) <> 0 OR coalesce(collected.amount, 0) <> 0
     ORDER BY month`,
  params: byRange,
};

/** Invoices voided in the range while they still owed money: the unpaid balance is written off. */
const writeOffs: SqlReport = {
  columns: [
    col('number', 'Nomor Tagihan', 'text'),
    col('customerCode', 'Kode Pelanggan', 'text'),
    col('customerName', 'Nama Pelanggan', 'text'),
    col('mitra', 'Mitra', 'text'),
    col('voidedOn', 'Tanggal Dihapus', 'date'),
    col('owed', 'Total Tagihan + Denda', 'rupiah'),
    col('paid', 'Terbayar', 'rupiah'),
    col('writtenOff', 'Dihapusbukukan', 'rupiah'),
  ],
  sql: `
    SELECT w.number, c.code AS "customerCode", c.name AS "customerName", t.business_name AS mitra,
           to_char(w.voided_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS "voidedOn",
           w.owed::bigint AS owed, w.amount_paid::bigint AS paid, (w.owed - w.amount_paid)::bigint AS "writtenOff"
      FROM (
        SELECT i.*, i.total + ${LATE_FEE_OF()} AS owed FROM invoices i
         WHERE ${TENANT_OF('i.tenant_id')} AND i.voided_at >= $2 AND i.voided_at < $3
      ) w
      JOIN customers c ON c.id = w.customer_id
      JOIN tenants t ON t.id = w.tenant_id
     WHERE w.owed > w.amount_paid
     ORDER BY w.voided_at, w.number`,
  params: byRange,
};

export const SQL_REPORTS: Record<Exclude<FinanceReportKind, 'dso-trend'>, SqlReport> = {
  aging,
  'revenue-by-mitra': revenueByMitra,
  'revenue-by-package': revenueByPackage,
  'ppn-monthly': ppnMonthly,
  'payments-by-method': paymentsByMethod,
  'late-fees': lateFees,
  'write-offs': writeOffs,
};

export const DSO_TREND_COLUMNS: readonly ReportColumn[] = [
  col('month', 'Bulan', 'month'),
  col('billed', 'Ditagihkan', 'rupiah'),
  col('outstanding', 'Piutang Akhir Periode', 'rupiah'),
  col('days', 'Jumlah Hari', 'count'),
  col('dso', 'DSO (hari)', 'days'),
];
