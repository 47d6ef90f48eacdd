import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';

/**
 * A credit note: money given back to a customer (a refund of a payment), numbered per tenant and year
 * (`NK/2026/000001`). A refund is funded from the customer's credit (`fromCredit`) or by reopening the
 * invoice the payment paid (`fromInvoice`).
 */
@Entity('credit_notes')
export class CreditNote {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'varchar', length: 40 }) number!: string;
  @Column({ type: 'uuid' }) customerId!: string;
  @Column({ type: 'uuid', nullable: true }) subscriptionId!: string | null;
  @Column({ type: 'uuid', nullable: true }) invoiceId!: string | null;
  @Column({ type: 'uuid', nullable: true }) paymentId!: string | null;
  @Column({ type: 'bigint', transformer: moneyTransformer }) amount!: number;
  @Column({ type: 'bigint', transformer: moneyTransformer }) fromCredit!: number;
  @Column({ type: 'bigint', transformer: moneyTransformer }) fromInvoice!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
