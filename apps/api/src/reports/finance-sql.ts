/**
 * SQL building blocks shared by the dashboard and the finance reports. Every statement takes the tenant as `$1`
 * (`NULL` = every tenant, only ever passed for a superadmin) and reads indexed columns only: invoices by
 * (tenant, issued_at | paid_at | voided_at | due_at), payments by (tenant, paid_at), late-fee items and
 * allocations by invoice. Money is summed as bigint and read back as a JavaScript number (integer rupiah).
 */

/** The tenant column narrowed to `$1` unless it is NULL. */
export const TENANT_OF = (column: string) => `($1::uuid IS NULL OR ${column} = $1::uuid)`;

/** The late fee an invoice `i` carries (its `late_fee` items, a waiver included), optionally as of an instant. */
export const LATE_FEE_OF = (before?: string) =>
  `coalesce((SELECT sum(ii.amount) FROM invoice_items ii WHERE ii.invoice_id = i.id AND ii.kind = 'late_fee'${before ? ` AND ii.created_at < ${before}` : ''}), 0)`;

/**
 * Invoices that owed money at the instant `end` (a parameter such as `$2`), each with its balance then and its days
 * past due on the day before `end` (the as-of date; 0 or less = not overdue). The late fee is a joined column, not a
 * subquery in `balance`: callers use `balance` several times (filter, per-bucket sums), and an inlined subquery would
 * run once per use. Invoices still open now or paid after `end` are found by two indexes (`paid_at IS NULL`, and
 * `paid_at` from `end` on) rather than by reading every invoice of the tenant. The balance is what it owed then
 * (total plus the late fee charged by then) less the payments received by then; credit applied at issue (the part
 * of `amount_paid`, which never exceeds the total, that no payment explains) counts as paid from the start.
 */
export const OPEN_AT = (end: string) => `
  SELECT i.id, i.tenant_id, i.customer_id, i.subscription_id, i.number, i.due_at,
         ((${end}::timestamptz AT TIME ZONE 'Asia/Jakarta')::date - 1) - (i.due_at AT TIME ZONE 'Asia/Jakarta')::date AS days_past_due,
         i.total + coalesce(fee.amount, 0) - greatest(i.amount_paid - coalesce(paid.total, 0), 0) - coalesce(paid.by_end, 0) AS balance
    FROM invoices i
    LEFT JOIN LATERAL (
      SELECT sum(pa.amount) AS total, sum(pa.amount) FILTER (WHERE p.paid_at < ${end}) AS by_end
        FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id AND p.status = 'succeeded'
       WHERE pa.invoice_id = i.id
    ) paid ON true
    LEFT JOIN LATERAL (
      SELECT sum(ii.amount) AS amount FROM invoice_items ii WHERE ii.invoice_id = i.id AND ii.kind = 'late_fee' AND ii.created_at < ${end}
    ) fee ON true
   WHERE ${TENANT_OF('i.tenant_id')}
     AND i.issued_at < ${end}
     AND (i.voided_at IS NULL OR i.voided_at >= ${end})
     AND (i.paid_at IS NULL OR i.paid_at >= ${end})`;

/** The aging bucket of `days_past_due`, matching `AGING_BUCKETS`. */
export const AGING_BUCKET_OF = (days: string) => `
  CASE WHEN ${days} <= 0 THEN 'current' WHEN ${days} <= 7 THEN 'd1_7' WHEN ${days} <= 14 THEN 'd8_14'
       WHEN ${days} <= 30 THEN 'd15_30' WHEN ${days} <= 60 THEN 'd31_60' ELSE 'd61_plus' END`;

/**
 * Per Jakarta month of issue in [start, end): what was billed — total plus late fee of every invoice issued then
 * that is not void. Totals and late-fee items are summed apart (one pass each) rather than per invoice.
 */
export const BILLED_BY_MONTH = (start: string, end: string) => `
  SELECT month, sum(amount)::bigint AS amount FROM (
    SELECT ${JAKARTA_MONTH('i.issued_at')} AS month, i.total AS amount
      FROM invoices i
     WHERE ${TENANT_OF('i.tenant_id')} AND i.issued_at >= ${start} AND i.issued_at < ${end} AND i.status <> 'void'
    UNION ALL
    SELECT ${JAKARTA_MONTH('i.issued_at')}, ii.amount
      FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
     WHERE ii.kind = 'late_fee' AND ${TENANT_OF('i.tenant_id')} AND i.issued_at >= ${start} AND i.issued_at < ${end} AND i.status <> 'void'
  ) billed GROUP BY month`;

/** What the tenant billed in [start, end) (see {@link BILLED_BY_MONTH}). */
export const BILLED_BETWEEN = (start: string, end: string) => `
  SELECT coalesce(sum(amount), 0)::bigint AS amount FROM (${BILLED_BY_MONTH(start, end)}) months`;

/** Money received in [start, end): succeeded payments by the instant they were paid. */
export const COLLECTED_BETWEEN = (start: string, end: string) => `
  SELECT coalesce(sum(p.amount), 0)::bigint AS amount, count(*)::int AS payments
    FROM payments p
   WHERE ${TENANT_OF('p.tenant_id')} AND p.status = 'succeeded' AND p.paid_at >= ${start} AND p.paid_at < ${end}`;

/** The Jakarta month `YYYY-MM` of a timestamptz expression. */
export const JAKARTA_MONTH = (instant: string) => `to_char(${instant} AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM')`;
