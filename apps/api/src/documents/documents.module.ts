import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { PdfRenderer, renderBillingDocumentHtml } from '@lunas/documents';
import { type Invoice, loadBillingDocument } from '@lunas/persistence';
import { DataSource } from 'typeorm';

/** Invoice and receipt PDFs from the warm Chromium pool (launched on the first PDF, closed at shutdown). */
@Injectable()
export class BillingPdfService implements OnApplicationShutdown {
  private readonly renderer = new PdfRenderer();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LUNAS_CONFIG) private readonly config: LunasConfig,
  ) {}

  /** The receipt PDF once the invoice is paid, else the invoice PDF, with its file name. */
  async pdfOf(invoice: Invoice): Promise<{ filename: string; pdf: Buffer }> {
    const document = await loadBillingDocument(this.dataSource.manager, invoice, this.config.publicBaseUrl);
    const pdf = await this.renderer.render(await renderBillingDocumentHtml(document));
    return { filename: `${document.kind === 'receipt' ? 'nota' : 'tagihan'}-${invoice.number}.pdf`, pdf };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.renderer.close();
  }
}

@Module({ providers: [BillingPdfService], exports: [BillingPdfService] })
export class DocumentsModule {}
