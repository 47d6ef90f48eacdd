import { lunasMetrics } from '@lunas/observability';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { formatRupiah } from '@lunas/domain';
import { CreditNote, invoiceBalanceOf, type InvoiceBalance } from '@lunas/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { tenantFilter } from '../auth/tenant-scope';
import type { RecordPaymentDto } from './dto/record-payment.dto';
import type { RefundPaymentDto } from './dto/refund-payment.dto';
import { PaymentLedgerService } from './payment-ledger.service';
import { PaymentSignalRelay } from './payment-signal.relay';
import { PaymentsErrorCode, PaymentsException } from './payments.exception';

export interface RecordedPayment {
  paymentId: string;
  allocated: number;
  overpayment: number;
  invoice: InvoiceBalance;
}

export interface RefundedPayment {
  paymentId: string;
  creditNoteId: string;
  /** e.g. `NK/2026/000001`. */
  creditNoteNumber: string;
  /** Reopened on the invoice (the customer's credit did not cover the refund). */
  fromInvoice: number;
  /** Taken from the customer's credit (the invoice stays paid for it). */
  fromCredit: number;
  invoice: InvoiceBalance;
}

/** Payments entered by people: a kasir's cash or transfer, an admin's refund. Audit-logged, tenant-scoped. */
@Injectable()
export class ManualPaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PaymentLedgerService,
    private readonly relay: PaymentSignalRelay,
    @Inject(LUNAS_CONFIG) private readonly config: LunasConfig,
  ) {}

  /** Stale `version` → 409 and nothing written; another tenant's invoice → 404. */
  async record(invoiceId: string, input: RecordPaymentDto, user: AuthenticatedUser, sourceIp: string | null): Promise<RecordedPayment> {
    this.assertWithinLimit(input.amount);
    const { claimed, ...recorded } = await this.dataSource.transaction(async (m) => {
      const batch = this.ledger.open();
      const invoice = await batch.lockInvoice(m, invoiceId, tenantFilter(user).tenantId);
      if (!invoice) throw new PaymentsException(PaymentsErrorCode.InvoiceNotFound);
      if (invoice.version !== input.version) throw new PaymentsException(PaymentsErrorCode.InvoiceStale);
      if (invoice.status === 'void') throw new PaymentsException(PaymentsErrorCode.InvoiceVoid);
      const before = invoiceBalanceOf(invoice);
      const payment = batch.createPayment({
        tenantId: invoice.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, gateway: 'manual',
        gatewayTransactionId: `manual:${randomUUID()}`, method: input.method, amount: input.amount, status: 'succeeded',
        paidAt: input.paidAt ? new Date(input.paidAt) : new Date(), matchedRule: 'manual', recordedBy: user.userId,
        raw: input.note ? { note: input.note } : null,
      });
      const receipt = batch.receive(payment, invoice, 'kasir');
      batch.audit({
        actorUserId: user.userId, tenantId: invoice.tenantId, action: 'payment.recorded', entityType: 'invoice', entityId: invoice.id,
        before: { ...before }, after: { ...receipt.invoice, paymentId: payment.id, amount: payment.amount, method: payment.method, allocated: receipt.allocated, overpayment: receipt.overpayment },
        sourceIp,
      });
      return { paymentId: payment.id, allocated: receipt.allocated, overpayment: receipt.overpayment, invoice: receipt.invoice, claimed: await batch.flush(m) };
    });
    this.relay.dispatch(claimed);
    lunasMetrics.paymentsBooked.inc({ source: 'manual' });
    return recorded;
  }

  /**
   * Gives back part or all of a received payment, documented by a numbered credit note: out of the customer's
   * credit when it covers the refund of a paid invoice, else out of the invoice (its balance reopens). The
   * subscription workflow is told (`balanceReopened`, keyed by the credit note).
   */
  async refund(paymentId: string, input: RefundPaymentDto, user: AuthenticatedUser, sourceIp: string | null): Promise<RefundedPayment> {
    this.assertWithinLimit(input.amount);
    const { claimed, ...refunded } = await this.dataSource.transaction(async (m) => {
      const scope = tenantFilter(user);
      const batch = this.ledger.open();
      await batch.lockPayments(m, [paymentId]);
      const payment = batch.payment(paymentId);
      if (!payment || (scope.tenantId && payment.tenantId !== scope.tenantId)) throw new PaymentsException(PaymentsErrorCode.PaymentNotFound);
      if (payment.status !== 'succeeded' || !payment.invoiceId) throw new PaymentsException(PaymentsErrorCode.PaymentNotRefundable);
      const remaining = await this.ledger.refundable(m, payment.id);
      if (input.amount > remaining) throw new PaymentsException(PaymentsErrorCode.RefundTooLarge);
      const invoice = await batch.lockInvoice(m, payment.invoiceId);
      if (!invoice) throw new PaymentsException(PaymentsErrorCode.InvoiceNotFound);
      const { creditNoteId = '', ...reversal } = await batch.reverse(m, payment, invoice, input.amount, input.reason, user.userId, { reason: 'refund' });
      if (input.amount === remaining) batch.updatePayment(payment, { status: 'refunded' });
      batch.audit({
        actorUserId: user.userId, tenantId: payment.tenantId, action: 'payment.refunded', entityType: 'payment', entityId: payment.id,
        after: { creditNoteId, amount: input.amount, reason: input.reason, ...reversal },
        sourceIp,
      });
      const claimed = await batch.flush(m);
      const { number } = await m.findOneByOrFail(CreditNote, { id: creditNoteId });
      return { paymentId: payment.id, creditNoteId, creditNoteNumber: number, ...reversal, claimed };
    });
    this.relay.dispatch(claimed);
    return refunded;
  }

  /** An amount above `LUNAS_MAX_PAYMENT_AMOUNT` → 400 naming the limit, before anything is read or written. */
  private assertWithinLimit(amount: number): void {
    const limit = this.config.maxPaymentAmount;
    if (amount > limit) throw new PaymentsException(PaymentsErrorCode.AmountAboveLimit, `Jumlah melebihi batas ${formatRupiah(limit)} per pembayaran`);
  }
}
