import { Injectable } from '@nestjs/common';
import { formatRupiah } from '@lunas/domain';
import { EntityManager } from 'typeorm';
import type { LedgerBatch, LedgerInvoice, LedgerPayment } from '../payments/ledger-batch';

/** Template of the message that tells the tenant's Finance about a chargeback. */
export const CHARGEBACK_NOTICE_TEMPLATE = 'finance_chargeback';

/**
 * After a chargeback reopened an invoice: flags the customer (audit entry `customer.flagged`) and queues
 * a notice to the tenant's Finance contact in the notification log, both written with the ledger batch.
 * Idempotent per gateway event.
 */
@Injectable()
export class ChargebackNotifier {
  async flag(m: EntityManager, batch: LedgerBatch, invoice: LedgerInvoice, payment: LedgerPayment, amount: number, eventId: string): Promise<void> {
    const [tenant]: Array<{ phone: string | null }> = await m.query(`SELECT phone FROM tenants WHERE id = $1`, [invoice.tenantId]);
    batch.notify({
      tenantId: invoice.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, subscriptionId: invoice.subscriptionId,
      template: CHARGEBACK_NOTICE_TEMPLATE, recipient: tenant?.phone ?? 'finance', idempotencyKey: `chargeback:${payment.id}:${eventId}`.slice(0, 200),
      body:
        `Chargeback ${formatRupiah(amount)} atas pembayaran tagihan ${invoice.number} melalui ${payment.gateway}. ` +
        'Sisa tagihan dibuka kembali dan pelanggan ditandai untuk ditinjau Finance.',
    });
    batch.audit({
      actorUserId: null, tenantId: invoice.tenantId, action: 'customer.flagged', entityType: 'customer', entityId: invoice.customerId,
      after: { reason: 'chargeback', paymentId: payment.id, invoiceId: invoice.id, amount },
    });
  }
}
