import type { Rupiah } from '@lunas/domain';

/**
 * The one invoice status vocabulary: the database (`invoices.status`), the REST API and the workflow's
 * `InvoiceSnapshot.status` all use it. `unpaid`: nothing paid yet; `partial`: part paid, a balance remains;
 * `paid`: nothing owed; `void`: cancelled, owes nothing.
 */
export const INVOICE_STATUSES = ['unpaid', 'partial', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Statuses of an invoice that still owes something. */
export function isOutstandingStatus(status: InvoiceStatus): status is 'unpaid' | 'partial' {
  return status === 'unpaid' || status === 'partial';
}

/** The status of an invoice that is not void, from what it owes (`owed`: total plus late fee) and its balance. */
export function settlementStatus(owed: Rupiah, balance: Rupiah): Exclude<InvoiceStatus, 'void'> {
  if (balance <= 0) return 'paid';
  return balance < owed ? 'partial' : 'unpaid';
}

/**
 * Reads a status carried from a run of the workflow that used the old vocabulary (`open` for anything owing),
 * or any status of the vocabulary unchanged.
 */
export function carriedInvoiceStatus(status: InvoiceStatus | 'open', owed: Rupiah, balance: Rupiah): InvoiceStatus {
  return status === 'open' ? settlementStatus(owed, balance) : status;
}
