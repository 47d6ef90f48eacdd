import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { totalCredit } from '@lunas/domain';
import { CreditAllocation, CreditNote, creditSources, Customer } from '@lunas/persistence';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { assertSameTenant } from '../auth/tenant-scope';

/** A customer's credit account as the console shows it. */
export interface CustomerCreditView {
  customerId: string;
  /** The credit the customer holds (rupiah): what every later invoice of any of its subscriptions may spend. */
  credit: number;
  /** Where it sits: by the subscription that made it (`subscriptionId` null: the account as a whole). */
  bySubscription: Array<{ subscriptionId: string | null; credit: number }>;
  /** Credit of one subscription spent on another's invoice or refund, newest first. */
  allocations: Array<{
    id: string; fromSubscriptionId: string; toSubscriptionId: string; invoiceId: string | null; creditNoteId: string | null; amount: number; createdAt: Date;
  }>;
  /** Refunds, numbered (`NK/2026/000001`), and how each was funded, newest first. */
  creditNotes: Array<{
    id: string; number: string; subscriptionId: string | null; invoiceId: string | null; paymentId: string | null; amount: number; fromCredit: number;
    fromInvoice: number; reason: string; createdAt: Date;
  }>;
}

/** Customer credit, tenant-scoped: the balance, its sources, allocations between subscriptions and credit notes. */
@Injectable()
export class CustomerCreditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(user: AuthenticatedUser, customerId: string): Promise<CustomerCreditView> {
    const customer = assertSameTenant(user, await this.dataSource.getRepository(Customer).findOneBy({ id: customerId }), 'Pelanggan tidak ditemukan.');
    const sources = await creditSources(this.dataSource.manager, customer.id);
    const allocations = await this.dataSource.getRepository(CreditAllocation).find({ where: { customerId: customer.id }, order: { createdAt: 'DESC' } });
    const notes = await this.dataSource.getRepository(CreditNote).find({ where: { customerId: customer.id }, order: { createdAt: 'DESC' } });
    return {
      customerId: customer.id,
      credit: totalCredit(sources),
      bySubscription: sources.filter((source) => source.credit !== 0).map(({ subscriptionId, credit }) => ({ subscriptionId, credit })),
      allocations: allocations.map((a) => ({
        id: a.id, fromSubscriptionId: a.fromSubscriptionId, toSubscriptionId: a.toSubscriptionId, invoiceId: a.invoiceId, creditNoteId: a.creditNoteId, amount: a.amount,
        createdAt: a.createdAt,
      })),
      creditNotes: notes.map((n) => ({
        id: n.id, number: n.number, subscriptionId: n.subscriptionId, invoiceId: n.invoiceId, paymentId: n.paymentId, amount: n.amount, fromCredit: n.fromCredit,
        fromInvoice: n.fromInvoice, reason: n.reason, createdAt: n.createdAt,
      })),
    };
  }
}
