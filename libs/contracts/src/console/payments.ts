import type { ListQuery } from './list';

export const PAYMENT_SORT_FIELDS = ['paidAt', 'amount', 'createdAt'] as const;

/** `GET /api/v1/payments`: `q` searches the gateway reference, invoice number and customer name. */
export interface ListPaymentsQuery extends ListQuery {
  gateway?: string;
  method?: string;
  status?: string;
  customerId?: string;
  invoiceId?: string;
  /** ISO dates (WIB) of paidAt, inclusive. */
  from?: string;
  to?: string;
  tenantId?: string;
}

export interface PaymentListItem {
  id: string;
  tenantId: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  customerId: string | null;
  customerName: string | null;
  gateway: string;
  /** The gateway's transaction id (or the kasir's receipt reference). */
  reference: string;
  method: string;
  amount: number;
  status: string;
  /** Auto-match rule that tied it to its invoice (`va_number`, `exact_amount`, …), null when recorded by hand. */
  matchedRule: string | null;
  recordedBy: string | null;
  paidAt: string | null;
  createdAt: string;
}

export const RECONCILIATION_ITEM_KINDS = ['parked_event', 'ambiguous_bank_row'] as const;
export type ReconciliationItemKind = (typeof RECONCILIATION_ITEM_KINDS)[number];

/** One candidate invoice for a queue item. */
export interface ReconciliationCandidate {
  invoiceId: string;
  number: string;
  customerName: string;
  balance: number;
}

/**
 * `GET /api/v1/reconciliation/queue`: gateway events parked because no invoice matched, and bank rows of
 * confirmed imports left ambiguous. `id` is `event:<uuid>` or `bank:<importId>:<row>`.
 */
export interface ReconciliationItem {
  id: string;
  kind: ReconciliationItemKind;
  tenantId: string | null;
  receivedAt: string;
  gateway: string;
  reference: string;
  amount: number | null;
  description: string;
  reason: string;
  candidates: ReconciliationCandidate[];
}

/** `POST /api/v1/reconciliation/queue/:id/match`: books the money on the invoice (one click). */
export interface MatchReconciliationRequest {
  invoiceId: string;
  reason: string;
}
