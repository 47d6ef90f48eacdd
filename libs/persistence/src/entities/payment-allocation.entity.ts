import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';

/** The part of a payment applied to one invoice (a payment may settle several). */
@Entity('payment_allocations')
export class PaymentAllocation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) paymentId!: string;
  @Column({ type: 'uuid' }) invoiceId!: string;
  @Column({ type: 'bigint', transformer: moneyTransformer }) amount!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
