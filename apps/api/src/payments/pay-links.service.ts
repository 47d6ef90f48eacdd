import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatGatewayReference, PaymentGatewayRegistry, PaymentsError, type CreatedPayment, type PaymentMethod } from '@lunas/payments';
import { Customer, Invoice, Payment, Tenant, tenantSettingsAt } from '@lunas/persistence';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { tenantFilter } from '../auth/tenant-scope';
import { PaymentsErrorCode, PaymentsException } from './payments.exception';

/** A pay link stays payable for 24 h, Midtrans's default bank-transfer expiry. */
export const PAY_LINK_VALIDITY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a payment at the tenant's gateway for what is still due on an invoice — on the gateway account its
 * settings (Pengaturan) choose: its own when it has one, or the platform's — and records it as a
 * pending payment bound to that gateway account, so the account's webhooks find the invoice by the
 * transaction. The order id the gateway sees is unique across tenants (`T<tenant no>-<invoice number>`):
 * a payment the gateway reports without this link (a partial payment on the sandbox pay page) is found by it.
 */
@Injectable()
export class PayLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: PaymentGatewayRegistry,
    private readonly audit: AuditService,
  ) {}

  /** An operator creates the link (tenant-scoped). */
  async create(invoiceId: string, method: PaymentMethod, user: AuthenticatedUser): Promise<CreatedPayment> {
    const invoice = await this.dataSource.getRepository(Invoice).findOneBy({ id: invoiceId, ...tenantFilter(user) });
    if (!invoice) throw new PaymentsException(PaymentsErrorCode.InvoiceNotFound);
    return this.createForInvoice(invoice, method, user.userId);
  }

  /** The customer pays from the invoice's public page; `actorUserId` is null then. */
  async createForInvoice(invoice: Invoice, method: PaymentMethod, actorUserId: string | null): Promise<CreatedPayment> {
    if (invoice.status === 'void') throw new PaymentsException(PaymentsErrorCode.InvoiceVoid);
    const customer = await this.dataSource.getRepository(Customer).findOneByOrFail({ id: invoice.customerId });
    const tenant = await this.dataSource.getRepository(Tenant).findOneByOrFail({ id: invoice.tenantId });
    const now = new Date();
    const useOwn = (await tenantSettingsAt(this.dataSource.manager, invoice.tenantId, now))?.gatewayAccount !== 'default';
    let created: CreatedPayment;
    try {
      created = await this.registry.forTenant(invoice.tenantId, useOwn).createPayment({
        invoiceRef: formatGatewayReference(tenant.referenceNo, invoice.number), method, amount: invoice.total - invoice.amountPaid, now, expiresAt: new Date(now.getTime() + PAY_LINK_VALIDITY_MS),
        customer: { name: customer.name, email: customer.email ?? undefined, phone: customer.phone }, description: `Tagihan internet ${invoice.period}`,
      });
    } catch (error) {
      if (error instanceof PaymentsError) throw new HttpException({ statusCode: error.httpStatus, code: error.code, message: error.message }, error.httpStatus);
      throw error;
    }
    await this.dataSource.transaction(async (m) => {
      await m.insert(Payment, {
        tenantId: invoice.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, gateway: created.gateway,
        gatewayTransactionId: created.gatewayReference, gatewayAccount: this.registry.accountIdOf(invoice.tenantId, useOwn), method, amount: invoice.total - invoice.amountPaid, status: 'pending', matchedRule: 'gateway_reference',
      });
      await this.audit.record(
        { actorUserId, tenantId: invoice.tenantId, action: 'payment.link_created', entityType: 'invoice', entityId: invoice.id, after: { ...created } },
        m,
      );
    });
    return created;
  }
}
