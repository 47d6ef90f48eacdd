import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedJsonTransformer } from '../support/encryption';
import { phoneTransformer } from '../support/phone.transformer';

export const WHATSAPP_SESSION_STATUSES = ['disconnected', 'connecting', 'connected', 'logged_out'] as const;
export type WhatsappSessionStatus = (typeof WHATSAPP_SESSION_STATUSES)[number];

/** The WhatsApp (Baileys) session of one tenant; credentials are encrypted at rest. `logged_out`: "perlu scan ulang". */
@Entity('whatsapp_sessions')
export class WhatsappSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'varchar', length: 16, default: 'disconnected' }) status!: WhatsappSessionStatus;
  /** The session's sender number in the `62…` form, normalised on write (`normalisePhone`). */
  @Column({ type: 'varchar', length: 20, nullable: true, transformer: phoneTransformer }) phoneNumber!: string | null;
  /** Baileys auth state as JSON, AES-256-GCM encrypted in the column. */
  @Column({ type: 'text', nullable: true, transformer: encryptedJsonTransformer }) creds!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz', nullable: true }) lastConnectedAt!: Date | null;
  /** The process holding the one live socket of this session, until `leaseExpiresAt` (renewed while it runs). */
  @Column({ type: 'varchar', length: 100, nullable: true }) leaseOwner!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) leaseExpiresAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastSeenAt!: Date | null;
  /** The QR to scan while pairing (a new one every ~20 s); null otherwise. */
  @Column({ type: 'text', nullable: true }) qr!: string | null;
  /** Pairing by code instead of QR: the number to pair and the code WhatsApp gave for it. */
  @Column({ type: 'varchar', length: 20, nullable: true }) pairingPhone!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) pairingCode!: string | null;
  /** Set by the console's "Hubungkan": the session host starts the socket (and clears it). */
  @Column({ type: 'timestamptz', nullable: true }) pairingRequestedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
