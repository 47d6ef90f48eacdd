import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { moneyTransformer } from '../support/money.transformer';

/**
 * An internet package. Packages of the `platform` tenant are global (offered by every mitra);
 * an inactive package is hidden from new subscriptions but keeps existing ones running.
 */
@Entity('packages')
export class InternetPackage {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  /** Display speed, e.g. "20 Mbps". */
  @Column({ type: 'varchar', length: 50 }) speed!: string;
  /** Monthly price in whole rupiah, before PPN. */
  @Column({ type: 'bigint', transformer: moneyTransformer }) price!: number;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'boolean', default: true }) isActive!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
