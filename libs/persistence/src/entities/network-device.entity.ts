import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedTextTransformer } from '../support/encryption';

export const NETWORK_DEVICE_METHODS = ['radius', 'routeros'] as const;
/** `radius`: FreeRADIUS SQL + CoA/Disconnect to the NAS; `routeros`: the MikroTik RouterOS API directly. */
export type NetworkDeviceMethod = (typeof NETWORK_DEVICE_METHODS)[number];

/** A mitra's NAS / router: where live sessions are cut and restored. Secrets are AES-256-GCM encrypted at rest. */
@Entity('network_devices')
export class NetworkDevice {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) site!: string | null;
  @Column({ type: 'varchar', length: 16 }) method!: NetworkDeviceMethod;
  /** IP address the NAS sends RADIUS from (matches `radacct.nasipaddress`) and answers CoA / the API on. */
  @Column({ type: 'varchar', length: 255 }) address!: string;
  /** UDP port of the NAS's CoA server (RouterOS `/radius incoming`, 3799 on v7, 1700 on old releases). */
  @Column({ type: 'integer', default: 3799 }) coaPort!: number;
  @Column({ type: 'text', nullable: true, transformer: encryptedTextTransformer, select: false }) radiusSecret!: string | null;
  /** RouterOS API port: 8728 (`api`) or 8729 (`api-ssl`). */
  @Column({ type: 'integer', default: 8728 }) apiPort!: number;
  @Column({ type: 'boolean', default: false }) apiTls!: boolean;
  @Column({ type: 'varchar', length: 100, nullable: true }) apiUsername!: string | null;
  @Column({ type: 'text', nullable: true, transformer: encryptedTextTransformer, select: false }) apiPassword!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
