import { type PdfRenderer, renderBillingDocumentHtml } from '@lunas/documents';
import { Invoice, loadBillingDocument } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';
import type { InvoicePdfSource } from '../adapters/messaging-notification.adapter';

/** The invoice PDF, or the receipt (nota) once paid, rendered by the warm Chromium pool for email attachments. */
export function invoicePdfSource(renderer: PdfRenderer, publicBaseUrl: string): InvoicePdfSource {
  return async (manager: EntityManager, tenantId: string, invoiceId: string) => {
    const invoice = await manager.findOneBy(Invoice, { id: invoiceId, tenantId });
    if (!invoice) return undefined;
    const document = await loadBillingDocument(manager, invoice, publicBaseUrl);
    const content = await renderer.render(await renderBillingDocumentHtml(document));
    return { filename: `${document.kind === 'receipt' ? 'nota' : 'tagihan'}-${invoice.number}.pdf`, contentType: 'application/pdf', content };
  };
}
