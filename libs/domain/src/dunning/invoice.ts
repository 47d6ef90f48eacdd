import type { IsoDate } from '../calendar';
import type { Rupiah } from '../money';

export type DunningInvoiceStatus = 'open' | 'paid' | 'void';

/** What dunning needs to know about the invoice it chases. */
export interface DunningInvoice {
  /** Due date: an ISO calendar date (`YYYY-MM-DD`) in Asia/Jakarta; step offsets count from it (T+0). */
  dueDate: IsoDate;
  /** Invoice total (after discount, with PPN, without late fee): the basis of a percentage late fee. */
  total: Rupiah;
  /** Still to pay; dunning continues while it is above zero (partial payments lower it). */
  balance: Rupiah;
  status: DunningInvoiceStatus;
}

/** Why an invoice no longer needs chasing, or undefined while it does. */
export function settledReason(invoice: DunningInvoice): 'paid' | 'void' | undefined {
  if (invoice.status === 'void') return 'void';
  if (invoice.status === 'paid' || invoice.balance <= 0) return 'paid';
  return undefined;
}
