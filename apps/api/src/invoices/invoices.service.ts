import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import { fetchPage } from '../common/list/fetch-page';
import type { ListInvoicesQuery } from './dto/list-invoices.query';
import { INVOICE_SUMMARY_COLUMNS, invoiceListSql } from './invoice-list.sql';

const NOT_FOUND = 'Tagihan tidak ditemukan.';

/** Invoice records, tenant-scoped, newest due first. */
@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LUNAS_CONFIG) private readonly config: LunasConfig,
  ) {}

  list(user: AuthenticatedUser, query: ListInvoicesQuery) {
    return fetchPage(this.dataSource, invoiceListSql(tenantFilter(user, query.tenantId).tenantId, query), query);
  }

  /** The invoice with its lines (late fee among them), the payments allocated to it and the customer's pay link. */
  async get(user: AuthenticatedUser, id: string) {
    const [row] = await this.dataSource.query(
      `SELECT ${INVOICE_SUMMARY_COLUMNS}, i.discount_snapshot AS "discountSnapshot", i.receipt_token AS "receiptToken"
         FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = $1`,
      [id],
    );
    const { receiptToken, ...invoice } = assertSameTenant(user, row ?? null, NOT_FOUND);
    const [items, payments] = await Promise.all([
      this.dataSource.query(`SELECT kind, description, amount::float8 AS amount FROM invoice_items WHERE invoice_id = $1 ORDER BY position`, [id]),
      this.dataSource.query(
        `SELECT p.id AS "paymentId", p.gateway, p.method, p.gateway_transaction_id AS reference, a.amount::float8 AS amount, p.paid_at AS "paidAt"
           FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = $1 ORDER BY a.created_at`,
        [id],
      ),
    ]);
    const lateFee = (items as { kind: string; amount: number }[]).filter((item) => item.kind === 'late_fee').reduce((sum, item) => sum + item.amount, 0);
    return { ...invoice, items, payments, lateFee, payLink: this.payLinkOf(receiptToken as string) };
  }

  /** The customer's public pay page of an invoice (`/bayar/<token>`). */
  payLinkOf(receiptToken: string): string {
    return `${this.config.publicBaseUrl}/bayar/${encodeURIComponent(receiptToken)}`;
  }
}
