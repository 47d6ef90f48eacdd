import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerBatch, refundableOf } from '@lunas/persistence';
import { PaymentSignalRelay } from './payment-signal.relay';

/**
 * The payment ledger: every path that books money (gateway events, kasir payments, bank imports, admin
 * refunds) opens a {@link LedgerBatch} inside its transaction, changes payments and invoices through it
 * and flushes it once; the outbox rows it writes are handed to the relay after commit.
 */
@Injectable()
export class PaymentLedgerService {
  constructor(private readonly relay: PaymentSignalRelay) {}

  /** A new unit of work; its outbox rows are leased to the relay's dispatch after commit. */
  open(): LedgerBatch {
    return new LedgerBatch(this.relay.leaseMs);
  }

  /** What of a payment can still be taken back (see `refundableOf`). */
  refundable(m: EntityManager, paymentId: string): Promise<number> {
    return refundableOf(m, paymentId);
  }
}
