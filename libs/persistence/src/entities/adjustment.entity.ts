import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';

export const ADJUSTMENT_KINDS = ['credit_note', 'overpayment', 'applied', 'refund', 'manual'] as const;
/**
 * `credit_note` / `overpayment` add credit; `applied` (credit used on an invoice) and `refund`
 * take it away; `manual` is an operator correction either way.
 */
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/**
 * The customer credit ledger: append-only signed entries (positive = credit the customer holds).
 * A customer's credit balance is the sum of `amount`; a subscription's credit, the sum of its rows.
 */
@Entity('adjustments')
export class Adjustment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) customerId!: string;
  /** The subscription whose invoice or payment made or spent the credit (null: the account as a whole). */
  @Column({ type: 'uuid', nullable: true }) subscriptionId!: string | null;
  @Column({ type: 'varchar', length: 16 }) kind!: AdjustmentKind;
  @Column({ type: 'bigint', transformer: moneyTransformer }) amount!: number;
  @Column({ type: 'uuid', nullable: true }) invoiceId!: string | null;
  @Column({ type: 'uuid', nullable: true }) paymentId!: string | null;
  @Column({ type: 'uuid', nullable: true }) creditNoteId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
