import type { AgingBucket } from '../reports/dashboard';
import type { ListQuery } from './list';

export const INVOICE_SORT_FIELDS = ['dueAt', 'issuedAt', 'total', 'number'] as const;

/**
 * `GET /api/v1/invoices`: besides ListQuery: status, period (YYYY-MM), dueFrom/dueTo (ISO dates), overdue
 * (only past due with a balance), customerId, subscriptionId, tenantId. `q` searches number and customer name.
 * Each item carries `overdueDays` (whole days past due in WIB, 0 when not due or settled) and `customerName`.
 */
export interface ListInvoicesQuery extends ListQuery {
  status?: 'unpaid' | 'partial' | 'paid' | 'void';
  period?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  customerId?: string;
  subscriptionId?: string;
  tenantId?: string;
  /** Issued on or after / on or before (WIB days). */
  issuedFrom?: string;
  issuedTo?: string;
  /** Still owing at the end of `asOf`. */
  open?: boolean;
  /** Still owing at the end of `asOf` and that many days past due then (the dashboard's aging buckets). */
  aging?: AgingBucket;
  /** The WIB day `open`, `aging` and `overdue` are judged on (default: today; `overdue` without it: now). */
  asOf?: string;
  /** Reached this dunning step (one of the dashboard's measured steps, e.g. `payment_reminder_1`). */
  step?: string;
}

/** A row of `GET /api/v1/invoices` (money in rupiah, instants ISO in WIB). */
export interface InvoiceListItem {
  id: string;
  tenantId: string;
  subscriptionId: string;
  customerId: string;
  customerName: string;
  number: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  dueAt: string;
  subtotal: number;
  discountAmount: number;
  dpp: number;
  /** Fraction, e.g. 0.11. */
  ppnRate: number;
  pricesIncludePpn: boolean;
  ppnAmount: number;
  total: number;
  amountPaid: number;
  balance: number;
  status: 'unpaid' | 'partial' | 'paid' | 'void';
  /** Send it back with a kasir payment (`POST /invoices/:id/payments`); a stale one answers 409. */
  version: number;
  overdueDays: number;
}

/** `GET /api/v1/invoices/:id`. */
export interface InvoiceDetail extends InvoiceListItem {
  discountSnapshot: Record<string, unknown> | null;
  /** Lines in order: `package`, `proration`, `late_fee`, `adjustment`. */
  items: { kind: string; description: string; amount: number }[];
  payments: { paymentId: string; gateway: string; method: string; reference: string; amount: number; paidAt: string | null }[];
  lateFee: number;
  /** The customer's pay page (`…/bayar/<token>`), to copy or send. */
  payLink: string;
}
