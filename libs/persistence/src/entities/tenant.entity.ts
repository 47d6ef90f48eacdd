import type { ActivationBilling } from '@lunas/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { phoneTransformer } from '../support/phone.transformer';

export const TENANT_KINDS = ['platform', 'mitra'] as const;
/** `platform`: the superadmin's own business (owns the global packages); `mitra`: a reseller. */
export type TenantKind = (typeof TENANT_KINDS)[number];

/** A bank account customers may transfer to. */
export interface TenantBankAccount {
  bankName: string;
  accountNumber: string;
  holder: string;
}

/** A business that owns customers: the superadmin's own business or a mitra. */
@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Unique across all tenants; shown as the customer's "area" and used to match CSV imports. */
  @Column({ type: 'varchar', length: 255 }) businessName!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: TenantKind;
  /** Short unique number (assigned by the database) prefixing the references gateways see: `T<no>-<invoice number>`. */
  @Column({ type: 'integer', generated: 'identity', generatedIdentity: 'BY DEFAULT' }) referenceNo!: number;
  /** Contact number in the `62…` form, normalised on write (`normalisePhone`). */
  @Column({ type: 'varchar', length: 20, nullable: true, transformer: phoneTransformer }) phone!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) contactName!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) email!: string | null;
  /** The tenant's account reference at the payment gateway (sub-merchant / account id). */
  @Column({ type: 'varchar', length: 100, nullable: true }) gatewayAccountRef!: string | null;
  /** Accounts customers transfer to. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) bankAccounts!: TenantBankAccount[];
  /** PPN rate its invoices charge, in basis points (1.100 = 11 %; 0 for a mitra that is not a PKP). */
  @Column({ type: 'integer', default: 1_100 }) ppnRateBasisPoints!: number;
  /** `true` when its package prices already include PPN (carved out on the invoice); `false`: added on top. */
  @Column({ type: 'boolean', default: false }) pricesIncludePpn!: boolean;
  /** How a new subscription is billed at activation: `prorated` (default), `full_month` or `none`. */
  @Column({ type: 'varchar', length: 16, default: 'prorated' }) activationBilling!: ActivationBilling;
  @Column({ type: 'boolean', default: true }) isActive!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
