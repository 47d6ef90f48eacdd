import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A mitra's isolir profile: what an isolated subscriber gets (RADIUS group `isolir-<tenant>`), and how often the
 * drift check compares billing with the network. A mitra without a row uses the column defaults.
 */
@Entity('tenant_network_settings')
export class TenantNetworkSettings {
  @PrimaryColumn({ type: 'uuid' }) tenantId!: string;
  /** `Mikrotik-Rate-Limit` while isolated (default 64k/64k: enough for the isolir page and WhatsApp text). */
  @Column({ type: 'varchar', length: 100, default: '64k/64k' }) isolirRateLimit!: string;
  @Column({ type: 'varchar', length: 64, default: 'pool-isolir' }) isolirPool!: string;
  @Column({ type: 'varchar', length: 64, default: 'isolir' }) isolirAddressList!: string;
  /** RouterOS PPP profile (`Mikrotik-Group`) while isolated. */
  @Column({ type: 'varchar', length: 64, default: 'isolir' }) isolirProfile!: string;
  @Column({ type: 'integer', default: 60 }) driftIntervalMinutes!: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
