import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';
import type { Invoice } from './invoice.entity';

export const INVOICE_ITEM_KINDS = ['package', 'late_fee', 'proration', 'adjustment'] as const;
export type InvoiceItemKind = (typeof INVOICE_ITEM_KINDS)[number];

/** One line of an invoice; `amount` may be negative for a proration credit or an adjustment. */
@Entity('invoice_items')
export class InvoiceItem {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) invoiceId!: string;
  @ManyToOne('Invoice', 'items', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;
  @Column({ type: 'varchar', length: 16 }) kind!: InvoiceItemKind;
  /** Shown to the customer, in Bahasa Indonesia, e.g. "Paket 20 Mbps (Desember 2026)". */
  @Column({ type: 'varchar', length: 255 }) description!: string;
  @Column({ type: 'bigint', transformer: moneyTransformer }) amount!: number;
  @Column({ type: 'smallint', default: 0 }) position!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
