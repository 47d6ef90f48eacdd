import {
  BeforeInsert, Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import { decimalTransformer, moneyTransformer } from '../support/money.transformer';
import { generateReceiptToken } from '../support/tokens';
import { InvoiceItem } from './invoice-item.entity';
import { DiscountKind } from './subscription.entity';

import type { InvoiceStatus } from '@lunas/contracts';

/** The vocabulary is defined once, in libs/contracts (type-only here: no runtime import of contracts). */
export type { InvoiceStatus } from '@lunas/contracts';

/**
 * The subscription's discount as it was when the invoice was issued. A later discount change never
 * alters an issued invoice (004 "Catatan Perubahan Diskon").
 */
export interface DiscountSnapshot {
  kind: DiscountKind;
  /** Rupiah for `fixed`, percent for `percent`. */
  value: number;
  /** Rupiah taken off the subtotal. */
  amount: number;
}

/** A prepaid invoice for one subscription and one billing period. */
@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) subscriptionId!: string;
  @Column({ type: 'uuid' }) customerId!: string;
  /** e.g. `INV/2026/11/000123`, unique within the tenant; see `insertNumberedInvoice`. */
  @Column({ type: 'varchar', length: 32 }) number!: string;
  /** Billing period key `YYYY-MM`; one invoice per subscription and period. */
  @Column({ type: 'char', length: 7 }) period!: string;
  /** ISO dates (YYYY-MM-DD), Asia/Jakarta: first day of service and last day of service. */
  @Column({ type: 'date' }) periodStart!: string;
  @Column({ type: 'date' }) periodEnd!: string;
  @Column({ type: 'timestamptz' }) issuedAt!: Date;
  @Column({ type: 'timestamptz' }) dueAt!: Date;
  /** Sum of the items before discount, rupiah. */
  @Column({ type: 'bigint', transformer: moneyTransformer }) subtotal!: number;
  @Column({ type: 'bigint', default: 0, transformer: moneyTransformer }) discountAmount!: number;
  @Column({ type: 'jsonb', nullable: true }) discountSnapshot!: DiscountSnapshot | null;
  /** Dasar Pengenaan Pajak: the taxable base (subtotal − discount), rupiah. */
  @Column({ type: 'bigint', transformer: moneyTransformer }) dpp!: number;
  /** PPN rate as a fraction, e.g. 0.11 for 11 %. */
  @Column({ type: 'numeric', precision: 5, scale: 4, transformer: decimalTransformer }) ppnRate!: number;
  @Column({ type: 'bigint', transformer: moneyTransformer }) ppnAmount!: number;
  /** The tenant's pricing when issued: `true` when the item prices included PPN (carved out), `false` when added on top. */
  @Column({ type: 'boolean', default: false }) pricesIncludePpn!: boolean;
  /** DPP + PPN, rupiah. */
  @Column({ type: 'bigint', transformer: moneyTransformer }) total!: number;
  @Column({ type: 'bigint', default: 0, transformer: moneyTransformer }) amountPaid!: number;
  @Column({ type: 'varchar', length: 10, default: 'unpaid' }) status!: InvoiceStatus;
  @Column({ type: 'timestamptz', nullable: true }) paidAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) voidedAt!: Date | null;
  /** Optimistic lock: every update must name the version it read (see `updateWithVersion`). */
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
  /** Unguessable token of the public receipt page (32 random bytes, base64url). */
  @Column({ type: 'varchar', length: 64 }) receiptToken!: string;
  @OneToMany(() => InvoiceItem, (item) => item.invoice, { cascade: ['insert'] }) items?: InvoiceItem[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  @BeforeInsert()
  protected assignReceiptToken(): void {
    this.receiptToken ??= generateReceiptToken();
  }
}
