import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PAYMENT_SIGNAL_STATUSES = ['pending', 'forwarded', 'failed'] as const;
/** `pending`: not yet delivered; `forwarded`: the workflow has it; `failed`: the relay gave up. */
export type PaymentSignalStatus = (typeof PAYMENT_SIGNAL_STATUSES)[number];

/**
 * Outbox of `paymentReceived` signals: one row per payment (gateway, kasir or bank import), written in
 * the transaction that records the payment and relayed until the subscription workflow has it.
 */
@Entity('payment_signals')
export class PaymentSignal {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) paymentId!: string;
  /** The inbox row the payment came from (gateway payments only); it moves to `forwarded` with this row. */
  @Column({ type: 'uuid', nullable: true }) paymentEventId!: string | null;
  @Column({ type: 'varchar', length: 200 }) workflowId!: string;
  /** The signal argument (`PaymentReceived` of @lunas/contracts). */
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: PaymentSignalStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** Not before this instant; also the lease a sender holds while it tries. */
  @Column({ type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) forwardedAt!: Date | null;
}
