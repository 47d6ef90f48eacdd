import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PAYMENT_SIGNAL_STATUSES = ['pending', 'forwarded', 'failed'] as const;
/** `pending`: not yet delivered; `forwarded`: the workflow has it; `failed`: the relay gave up. */
export type PaymentSignalStatus = (typeof PAYMENT_SIGNAL_STATUSES)[number];

export const PAYMENT_SIGNAL_KINDS = ['payment_received', 'balance_reopened', 'credit_moved'] as const;
/** Which subscription-workflow signal a row carries: `paymentReceived`, or `balanceReopened` after a refund or chargeback. */
export type PaymentSignalKind = (typeof PAYMENT_SIGNAL_KINDS)[number];

/**
 * Outbox of subscription-workflow signals about money: one `payment_received` row per payment (gateway, kasir or
 * bank import) and one `balance_reopened` row per reversal, written in the transaction that books it and relayed
 * until the workflow has it, in the order they were written (`seq`).
 */
@Entity('payment_signals')
export class PaymentSignal {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) paymentId!: string;
  /** The inbox row the payment came from (gateway payments only); it moves to `forwarded` with this row. */
  @Column({ type: 'uuid', nullable: true }) paymentEventId!: string | null;
  @Column({ type: 'varchar', length: 200 }) workflowId!: string;
  @Column({ type: 'varchar', length: 32, default: 'payment_received' }) kind!: PaymentSignalKind;
  /** Unique per kind: the payment id for a receipt, the inbox event or credit note id for a reversal. */
  @Column({ type: 'varchar', length: 200 }) idempotencyKey!: string;
  /** Write order (identity column, assigned by the database). */
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  /** The signal argument (`PaymentReceived` or `BalanceReopened` of @lunas/contracts). */
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: PaymentSignalStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** Not before this instant; also the lease a sender holds while it tries. */
  @Column({ type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) forwardedAt!: Date | null;
}
