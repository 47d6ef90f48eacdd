import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedTextTransformer } from '../support/encryption';
import { Customer } from './customer.entity';
import { InternetPackage } from './package.entity';

export const SUBSCRIPTION_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const DISCOUNT_KINDS = ['none', 'fixed', 'percent'] as const;
/** `fixed`: whole rupiah off each period; `percent`: whole percent (0–100) off the package price. */
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** A customer's package at one connection; driven by one long-lived billing workflow. */
@Entity('subscriptions')
export class Subscription {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) customerId!: string;
  @Column({ type: 'uuid' }) packageId!: string;
  @ManyToOne(() => Customer) @JoinColumn({ name: 'customer_id' }) customer?: Customer;
  @ManyToOne(() => InternetPackage) @JoinColumn({ name: 'package_id' }) package?: InternetPackage;
  /** Day of month 1–28 the period starts and the prepaid invoice falls due. */
  @Column({ type: 'smallint' }) billingDay!: number;
  @Column({ type: 'varchar', length: 10, default: 'none' }) discountKind!: DiscountKind;
  /** Rupiah for `fixed`, percent for `percent`, 0 for `none`. */
  @Column({ type: 'integer', default: 0 }) discountValue!: number;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: SubscriptionStatus;
  /** PPPoE / RADIUS username on the tenant's network; unique within the tenant. */
  @Column({ type: 'varchar', length: 64, nullable: true }) pppoeUsername!: string | null;
  /** PPPoE password, AES-256-GCM encrypted at rest; FreeRADIUS gets it as `Cleartext-Password` in `radcheck`. */
  @Column({ type: 'text', nullable: true, transformer: encryptedTextTransformer, select: false }) pppoePassword!: string | null;
  /** Temporal workflow id of this subscription's billing workflow. */
  @Column({ type: 'varchar', length: 200, nullable: true }) workflowId!: string | null;
  /** ISO date (YYYY-MM-DD) service started. */
  @Column({ type: 'date' }) startedOn!: string;
  @Column({ type: 'timestamptz', nullable: true }) suspendedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
