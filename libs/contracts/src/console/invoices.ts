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
}

/** `POST /api/v1/invoices/:id/resend-link`: sends the pay link to the customer again (WhatsApp/email as consented). */
export interface ResendInvoiceLinkRequest {
  reason?: string;
}

export interface ResendInvoiceLinkResult {
  invoiceId: string;
  payLink: string;
  /** Channels queued: `whatsapp`, `email`. */
  channels: string[];
}
