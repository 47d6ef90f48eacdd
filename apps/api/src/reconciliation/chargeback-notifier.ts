import { Injectable } from '@nestjs/common';
import { formatRupiah } from '@lunas/domain';
import { Invoice, NotificationLog, Payment, Tenant } from '@lunas/persistence';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';

/** Template of the message that tells the tenant's Finance about a chargeback. */
export const CHARGEBACK_NOTICE_TEMPLATE = 'finance_chargeback';

/**
 * After a chargeback reopened an invoice: flags the customer (audit entry `customer.flagged`) and queues
 * a notice to the tenant's Finance contact in the notification log. Idempotent per gateway event.
 */
@Injectable()
export class ChargebackNotifier {
  constructor(private readonly audit: AuditService) {}

  async flag(m: EntityManager, invoice: Invoice, payment: Payment, amount: number, eventId: string): Promise<void> {
    const tenant = await m.findOne(Tenant, { where: { id: invoice.tenantId }, select: { id: true, phone: true } });
    const body =
      `Chargeback ${formatRupiah(amount)} atas pembayaran tagihan ${invoice.number} melalui ${payment.gateway}. ` +
      'Sisa tagihan dibuka kembali dan pelanggan ditandai untuk ditinjau Finance.';
    await m
      .createQueryBuilder()
      .insert()
      .into(NotificationLog)
      .values({
        tenantId: invoice.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, subscriptionId: invoice.subscriptionId,
        channel: 'whatsapp', template: CHARGEBACK_NOTICE_TEMPLATE, recipient: tenant?.phone ?? 'finance',
        idempotencyKey: `chargeback:${payment.id}:${eventId}`.slice(0, 200), status: 'pending', body,
      })
      .orIgnore()
      .execute();
    await this.audit.record(
      {
        actorUserId: null, tenantId: invoice.tenantId, action: 'customer.flagged', entityType: 'customer', entityId: invoice.customerId,
        after: { reason: 'chargeback', paymentId: payment.id, invoiceId: invoice.id, amount },
      },
      m,
    );
  }
}
