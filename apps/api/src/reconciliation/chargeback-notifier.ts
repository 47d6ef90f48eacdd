import { Injectable } from '@nestjs/common';
import { formatRupiah } from '@lunas/domain';
import type { LedgerBatch, LedgerInvoice, LedgerPayment } from '@lunas/persistence';

/** Who is told about a chargeback: Finance, and whoever reads the tenant's finance reports (the mitra owner). */
export const CHARGEBACK_AUDIENCE = 'report.finance.read';

/**
 * After a chargeback reopened an invoice: flags the customer (audit entry `customer.flagged`) and puts a message in
 * the operators' inbox (`GET /api/v1/notifications`) for the tenant's operators holding {@link CHARGEBACK_AUDIENCE},
 * both written with the ledger batch. Idempotent per gateway event.
 */
@Injectable()
export class ChargebackNotifier {
  flag(batch: LedgerBatch, invoice: LedgerInvoice, payment: LedgerPayment, amount: number, eventId: string): void {
    batch.notifyOperators({
      tenantId: invoice.tenantId, permission: CHARGEBACK_AUDIENCE, kind: 'chargeback', entityType: 'invoice', entityId: invoice.id,
      idempotencyKey: `chargeback:${payment.id}:${eventId}`.slice(0, 200),
      title: `Chargeback ${formatRupiah(amount)} pada tagihan ${invoice.number}`,
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
