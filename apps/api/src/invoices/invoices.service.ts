import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jakartaInstant } from '@lunas/domain';
import { Invoice, InvoiceItem, Payment, PaymentAllocation } from '@lunas/persistence';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import type { ListInvoicesQuery } from './dto/list-invoices.query';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Invoice records, tenant-scoped, newest due first. */
@Injectable()
export class InvoicesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(user: AuthenticatedUser, query: ListInvoicesQuery) {
    const scope = tenantFilter(user, query.tenantId);
    const qb = this.dataSource
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .orderBy('i.dueAt', 'DESC')
      .addOrderBy('i.number', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (scope.tenantId) qb.andWhere('i.tenant_id = :tenantId', { tenantId: scope.tenantId });
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.period) qb.andWhere('i.period = :period', { period: query.period });
    if (query.customerId) qb.andWhere('i.customer_id = :customerId', { customerId: query.customerId });
    if (query.subscriptionId) qb.andWhere('i.subscription_id = :subscriptionId', { subscriptionId: query.subscriptionId });
    // Due dates are whole days in Asia/Jakarta.
    if (query.dueFrom) qb.andWhere('i.due_at >= :dueFrom', { dueFrom: new Date(jakartaInstant(query.dueFrom)) });
    if (query.dueTo) qb.andWhere('i.due_at < :dueTo', { dueTo: new Date(jakartaInstant(query.dueTo) + DAY_MS) });
    const [items, total] = await qb.getManyAndCount();
    return { items: items.map(summary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(user: AuthenticatedUser, id: string) {
    const invoice = assertSameTenant(user, await this.dataSource.getRepository(Invoice).findOneBy({ id }), 'Tagihan tidak ditemukan.');
    const items = await this.dataSource.getRepository(InvoiceItem).find({ where: { invoiceId: id }, order: { position: 'ASC' } });
    const allocations = await this.dataSource
      .getRepository(PaymentAllocation)
      .createQueryBuilder('a')
      .innerJoinAndMapOne('a.payment', Payment, 'p', 'p.id = a.payment_id')
      .where('a.invoice_id = :id', { id })
      .getMany();
    return {
      ...summary(invoice),
      discountSnapshot: invoice.discountSnapshot,
      items: items.map((item) => ({ kind: item.kind, description: item.description, amount: item.amount })),
      payments: allocations.map((allocation) => {
        const payment = (allocation as PaymentAllocation & { payment: Payment }).payment;
        return { paymentId: payment.id, gateway: payment.gateway, method: payment.method, amount: allocation.amount, paidAt: payment.paidAt };
      }),
    };
  }
}

function summary(invoice: Invoice) {
  return {
    id: invoice.id,
    tenantId: invoice.tenantId,
    subscriptionId: invoice.subscriptionId,
    customerId: invoice.customerId,
    number: invoice.number,
    period: invoice.period,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    subtotal: invoice.subtotal,
    discountAmount: invoice.discountAmount,
    dpp: invoice.dpp,
    ppnRate: invoice.ppnRate,
    pricesIncludePpn: invoice.pricesIncludePpn,
    ppnAmount: invoice.ppnAmount,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    balance: invoice.status === 'void' ? 0 : invoice.total - invoice.amountPaid,
    status: invoice.status,
    version: invoice.version,
  };
}
