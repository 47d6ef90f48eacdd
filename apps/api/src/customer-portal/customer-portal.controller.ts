import { Body, Controller, Get, GoneException, Header, HttpException, NotFoundException, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Customer, Invoice, InvoiceItem, Tenant } from '@lunas/persistence';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { HtmlProblemFilter } from '../common/problem-details/html-problem.filter';
import { BillingPdfService } from '../documents/documents.module';
import { PayLinksService } from '../payments/pay-links.service';
import { renderInvoicePage, type InvoicePageModel } from './invoice-page';

/** A receipt token: 32 random bytes as base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const NOT_FOUND = 'Tagihan tidak ditemukan. Periksa kembali tautan yang Anda terima.';
const VOIDED = 'Tagihan ini sudah dibatalkan dan tidak perlu dibayar.';

export class PayInvoiceForm {
  @IsIn(['va', 'qris', 'ewallet'], { message: 'Cara bayar tidak dikenal.' })
  method!: 'va' | 'qris' | 'ewallet';
}

/**
 * The customer's invoice page behind the link in WhatsApp and email (`/bayar/<receipt token>`): the
 * invoice and a pay button while something is due, the receipt once paid. Public: the token is the key.
 * A bad link answers a page too: 404 for an unknown token, 410 for a voided invoice.
 */
@ApiExcludeController()
@UseFilters(HtmlProblemFilter)
@Controller('bayar')
export class CustomerPortalController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payLinks: PayLinksService,
    private readonly pdfs: BillingPdfService,
  ) {}

  @Public()
  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Param('token') token: string): Promise<string> {
    return renderInvoicePage(await this.model(await this.invoice(token)));
  }

  /** The invoice as a PDF, or its receipt (nota) once paid: what the email attaches and the customer can print. */
  @Public()
  @Get(':token/pdf')
  @Header('Cache-Control', 'no-store')
  async pdf(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const { filename, pdf } = await this.pdfs.pdfOf(await this.invoice(token));
    response.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}"`).send(pdf);
  }

  /** Opens a payment at the tenant's gateway for the balance and sends the customer to its page. */
  @Public()
  @Post(':token')
  async pay(@Param('token') token: string, @Body() form: PayInvoiceForm, @Res() response: Response): Promise<void> {
    const invoice = await this.invoice(token);
    try {
      const created = await this.payLinks.createForInvoice(invoice, form.method, null);
      if (created.payUrl) return response.redirect(303, created.payUrl);
      response.type('html').send(renderInvoicePage({ ...(await this.model(invoice)), instructions: created }));
    } catch (error) {
      const notice = error instanceof HttpException ? messageOf(error) : 'Pembayaran belum dapat dibuat. Coba lagi sebentar lagi.';
      response.status(error instanceof HttpException ? error.getStatus() : 502).type('html').send(renderInvoicePage({ ...(await this.model(invoice)), notice }));
    }
  }

  private async invoice(token: string): Promise<Invoice> {
    if (!TOKEN.test(token)) throw new NotFoundException(NOT_FOUND);
    const invoice = await this.dataSource.getRepository(Invoice).findOneBy({ receiptToken: token });
    if (!invoice) throw new NotFoundException(NOT_FOUND);
    if (invoice.status === 'void') throw new GoneException(VOIDED);
    return invoice;
  }

  private async model(invoice: Invoice): Promise<InvoicePageModel> {
    const [tenant, customer, items] = await Promise.all([
      this.dataSource.getRepository(Tenant).findOneByOrFail({ id: invoice.tenantId }),
      this.dataSource.getRepository(Customer).findOneByOrFail({ id: invoice.customerId }),
      this.dataSource.getRepository(InvoiceItem).find({ where: { invoiceId: invoice.id }, order: { position: 'ASC' } }),
    ]);
    return {
      token: invoice.receiptToken,
      businessName: tenant.businessName,
      customerName: customer.name,
      number: invoice.number,
      period: invoice.period,
      dueAt: invoice.dueAt,
      items: items.map((item) => ({ description: item.description, amount: item.amount })),
      discountAmount: invoice.discountAmount,
      ppnAmount: invoice.ppnAmount,
      total: invoice.total,
      amountPaid: invoice.amountPaid,
      status: invoice.status,
      paidAt: invoice.paidAt,
    };
  }
}

function messageOf(error: HttpException): string {
  const body = error.getResponse();
  return typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
}
