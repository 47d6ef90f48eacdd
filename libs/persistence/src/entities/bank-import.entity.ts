import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const BANK_IMPORT_STATUSES = ['previewed', 'confirmed'] as const;
export type BankImportStatus = (typeof BANK_IMPORT_STATUSES)[number];

/**
 * One uploaded bank statement: the preview shown to the operator, then, once confirmed, the report of
 * what was recorded. Rows become payments with gateway `bank_csv` keyed by the row fingerprint.
 */
@Entity('bank_imports')
export class BankImport {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  /** `bca`, `mandiri` or `bri`. */
  @Column({ type: 'varchar', length: 16 }) bank!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) fileName!: string | null;
  @Column({ type: 'char', length: 64 }) fileSha256!: string;
  @Column({ type: 'varchar', length: 16, default: 'previewed' }) status!: BankImportStatus;
  /** Row previews (outcome, reason, transaction, matched invoice) as shown before confirming. */
  @Column({ type: 'jsonb' }) preview!: Record<string, unknown>;
  /** What confirming recorded: counts and the payment per row. */
  @Column({ type: 'jsonb', nullable: true }) report!: Record<string, unknown> | null;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ type: 'uuid', nullable: true }) confirmedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) confirmedAt!: Date | null;
}
