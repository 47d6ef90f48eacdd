import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';

/**
 * Credit of one subscription spent on another subscription of the same customer: on an invoice at issue
 * (`invoiceId`), or on a refund (`creditNoteId`). The source subscription no longer holds it as credit.
 */
@Entity('credit_allocations')
export class CreditAllocation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) customerId!: string;
  @Column({ type: 'uuid' }) fromSubscriptionId!: string;
  @Column({ type: 'uuid' }) toSubscriptionId!: string;
  @Column({ type: 'uuid', nullable: true }) invoiceId!: string | null;
  @Column({ type: 'uuid', nullable: true }) creditNoteId!: string | null;
  @Column({ type: 'bigint', transformer: moneyTransformer }) amount!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
