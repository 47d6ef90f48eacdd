import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedTextTransformer } from '../support/encryption';
import { phoneTransformer } from '../support/phone.transformer';

/** A subscriber of a tenant. Customers have no login; they are reached by WhatsApp or email. */
@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  /** Customer number, unique within the tenant (the natural key for imports and seeds). */
  @Column({ type: 'varchar', length: 30 }) code!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  /** NIK (national identity number), AES-256-GCM encrypted at rest with `LUNAS_ENCRYPTION_KEY`. */
  @Column({ type: 'text', nullable: true, transformer: encryptedTextTransformer }) nik!: string | null;
  /** WhatsApp number: digits only, `62…`, 10–15 digits; normalised on write (`normalisePhone`). */
  @Column({ type: 'varchar', length: 20, transformer: phoneTransformer }) phone!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'boolean', default: false }) whatsappConsent!: boolean;
  @Column({ type: 'boolean', default: false }) emailConsent!: boolean;
  /** When the customer last gave or withdrew communication consent. */
  @Column({ type: 'timestamptz', nullable: true }) consentUpdatedAt!: Date | null;
  /** When the customer replied "STOP": no more broadcasts (maintenance, promotions); the bill still goes out. */
  @Column({ type: 'timestamptz', nullable: true }) broadcastOptOutAt!: Date | null;
  /** ISO date (YYYY-MM-DD) the customer registered. */
  @Column({ type: 'date' }) registerDate!: string;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  /** False once deactivated: kept with its history, offered no new subscription. */
  @Column({ type: 'boolean', default: true }) isActive!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) deactivatedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
