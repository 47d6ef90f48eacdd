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
  /** RouterOS `Mikrotik-Rate-Limit` (rx/tx from the router's view, e.g. `20M/20M`); null: derived from `speed`. */
  @Column({ type: 'varchar', length: 100, nullable: true }) rateLimit!: string | null;
  /** `Framed-Pool` the NAS assigns addresses from; null: the NAS's default. */
  @Column({ type: 'varchar', length: 64, nullable: true }) addressPool!: string | null;
  /** `Session-Timeout` in seconds; null: none. */
  @Column({ type: 'integer', nullable: true }) sessionTimeout!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
