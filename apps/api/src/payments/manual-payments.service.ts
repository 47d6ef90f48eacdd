import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreditNote, Payment } from '@lunas/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { tenantFilter } from '../auth/tenant-scope';
import type { RecordPaymentDto } from './dto/record-payment.dto';
import type { RefundPaymentDto } from './dto/refund-payment.dto';
import { balanceOf, PaymentLedgerService, type InvoiceBalance } from './payment-ledger.service';
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
  fromInvoice: number;
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
    private readonly audit: AuditService,
  ) {}

  /** Stale `version` → 409 and nothing written; another tenant's invoice → 404. */
  async record(invoiceId: string, input: RecordPaymentDto, user: AuthenticatedUser, sourceIp: string | null): Promise<RecordedPayment> {
    const result = await this.dataSource.transaction(async (m) => {
      const invoice = await this.ledger.lockInvoice(m, invoiceId, tenantFilter(user).tenantId);
      if (!invoice) throw new PaymentsException(PaymentsErrorCode.InvoiceNotFound);
      if (invoice.version !== input.version) throw new PaymentsException(PaymentsErrorCode.InvoiceStale);
      if (invoice.status === 'void') throw new PaymentsException(PaymentsErrorCode.InvoiceVoid);
      const before = balanceOf(invoice);
      const payment = m.create(Payment, {
        tenantId: invoice.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, gateway: 'manual',
        gatewayTransactionId: `manual:${randomUUID()}`, method: input.method, amount: input.amount, status: 'succeeded',
        paidAt: input.paidAt ? new Date(input.paidAt) : new Date(), matchedRule: 'manual', recordedBy: user.userId,
        raw: input.note ? { note: input.note } : null,
      });
      await m.save(Payment, payment);
      const receipt = await this.ledger.receive(m, payment, invoice, 'kasir');
      await this.audit.record(
        {
          actorUserId: user.userId, tenantId: invoice.tenantId, action: 'payment.recorded', entityType: 'invoice', entityId: invoice.id,
          before: { ...before }, after: { ...receipt.invoice, paymentId: payment.id, amount: payment.amount, method: payment.method, allocated: receipt.allocated, overpayment: receipt.overpayment },
          sourceIp,
        },
        m,
      );
      return { paymentId: payment.id, allocated: receipt.allocated, overpayment: receipt.overpayment, invoice: receipt.invoice, signalId: receipt.signalId };
    });
    const { signalId, ...recorded } = result;
    if (signalId) this.relay.dispatch([signalId]);
    return recorded;
  }

  /** Gives back part or all of a received payment, documented by a credit note. */
  async refund(paymentId: string, input: RefundPaymentDto, user: AuthenticatedUser, sourceIp: string | null): Promise<RefundedPayment> {
    return this.dataSource.transaction(async (m) => {
      const scope = tenantFilter(user);
      const payment = await m.createQueryBuilder(Payment, 'p').setLock('pessimistic_write').where('p.id = :paymentId', { paymentId }).getOne();
      if (!payment || (scope.tenantId && payment.tenantId !== scope.tenantId)) throw new PaymentsException(PaymentsErrorCode.PaymentNotFound);
      if (payment.status !== 'succeeded' || !payment.invoiceId) throw new PaymentsException(PaymentsErrorCode.PaymentNotRefundable);
      const remaining = await this.ledger.refundable(m, payment);
      if (input.amount > remaining) throw new PaymentsException(PaymentsErrorCode.RefundTooLarge);
      const invoice = await this.ledger.lockInvoice(m, payment.invoiceId);
      if (!invoice) throw new PaymentsException(PaymentsErrorCode.InvoiceNotFound);
      const creditNote = m.create(CreditNote, {
        tenantId: payment.tenantId, customerId: invoice.customerId, invoiceId: invoice.id, amount: input.amount,
        reason: input.reason, createdBy: user.userId,
      });
      await m.insert(CreditNote, creditNote);
      const reversal = await this.ledger.reverse(m, payment, invoice, input.amount, input.reason, user.userId);
      if (input.amount === remaining) await m.update(Payment, { id: payment.id }, { status: 'refunded' });
      await this.audit.record(
        {
          actorUserId: user.userId, tenantId: payment.tenantId, action: 'payment.refunded', entityType: 'payment', entityId: payment.id,
          after: { creditNoteId: creditNote.id, amount: input.amount, reason: input.reason, ...reversal },
          sourceIp,
        },
        m,
      );
      return { paymentId: payment.id, creditNoteId: creditNote.id, ...reversal };
    });
  }
}
