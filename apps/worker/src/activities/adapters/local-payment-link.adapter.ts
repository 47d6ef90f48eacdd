import type { PayableInvoice, PaymentLinkPort } from '../ports/payment-link.port';

/**
 * `${publicBaseUrl}/bayar/<receiptToken>`: the invoice's public pay page on the API. The token (256 random bits,
 * see `generateReceiptToken`) is the only key, so the link reveals nothing guessable. A gateway-specific link
 * (`/sandbox/pay/<reference>`) is created by the API when the customer opens this page.
 */
export class LocalPaymentLinkAdapter implements PaymentLinkPort {
  constructor(private readonly publicBaseUrl: string) {}

  linkFor(invoice: PayableInvoice): string {
    return `${this.publicBaseUrl.replace(/\/$/, '')}/bayar/${encodeURIComponent(invoice.receiptToken)}`;
  }
}
