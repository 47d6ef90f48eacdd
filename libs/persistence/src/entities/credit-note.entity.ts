import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';

/** A credit given to a customer (billing error, outage compensation); booked in the adjustments ledger. */
@Entity('credit_notes')
export class CreditNote {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) customerId!: string;
  @Column({ type: 'uuid', nullable: true }) invoiceId!: string | null;
  @Column({ type: 'bigint', transformer: moneyTransformer }) amount!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
