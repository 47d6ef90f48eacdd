import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'refunded', 'chargeback'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * Money received (or expected) from a gateway, a bank transfer or a cashier. Unique per
 * (gateway, gateway transaction id), which makes every later step idempotent.
 */
@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  /** The invoice it was matched to, if any (allocations say how much went where). */
  @Column({ type: 'uuid', nullable: true }) invoiceId!: string | null;
  @Column({ type: 'uuid', nullable: true }) customerId!: string | null;
  /** `midtrans`, `xendit`, `tripay`, `sandbox`, `bank_csv`, `manual`, … */
  @Column({ type: 'varchar', length: 32 }) gateway!: string;
  @Column({ type: 'varchar', length: 128 }) gatewayTransactionId!: string;
  /** Gateway account (`default` or the tenant id) the payment is bound to: only its signed events may change it. */
  @Column({ type: 'varchar', length: 64, nullable: true }) gatewayAccount!: string | null;
  /** `va`, `qris`, `card`, `cash`, `transfer`, … */
  @Column({ type: 'varchar', length: 32 }) method!: string;
  @Column({ type: 'bigint', transformer: moneyTransformer }) amount!: number;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: PaymentStatus;
  @Column({ type: 'timestamptz', nullable: true }) paidAt!: Date | null;
  /** Which auto-match rule tied the payment to its invoice (e.g. `va_number`, `exact_amount`). */
  @Column({ type: 'varchar', length: 64, nullable: true }) matchedRule!: string | null;
  /** The gateway's payload as received. */
  @Column({ type: 'jsonb', nullable: true }) raw!: Record<string, unknown> | null;
  /** The user who recorded a manual payment. */
  @Column({ type: 'uuid', nullable: true }) recordedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
