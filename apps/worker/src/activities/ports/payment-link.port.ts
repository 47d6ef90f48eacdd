/** What a pay link is made from. */
export interface PayableInvoice {
  id: string;
  tenantId: string;
  number: string;
  /** Unguessable token of the invoice's public pages (receipt, pay page). */
  receiptToken: string;
}

/**
 * The customer-facing link where an invoice is paid; sent with `invoice_issued` and reminders. Pure: the same
 * invoice always gets the same link, so a retried activity sends the same URL.
 */
export interface PaymentLinkPort {
  linkFor(invoice: PayableInvoice): string;
}

export const PAYMENT_LINK_PORT = Symbol('PAYMENT_LINK_PORT');
