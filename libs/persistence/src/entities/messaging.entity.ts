import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedTextTransformer } from '../support/encryption';

/** A mitra's own text for one message kind (absent: the built-in text). */
@Entity('message_templates')
export class MessageTemplate {
  @PrimaryColumn({ type: 'uuid' }) tenantId!: string;
  /** A `MessageTemplateKind`, e.g. `payment_reminder_1`. */
  @PrimaryColumn({ type: 'varchar', length: 32 }) kind!: string;
  /** One or more texts with `{variables}`; one is picked per message. */
  @Column({ type: 'jsonb' }) variants!: string[];
  @Column({ type: 'uuid', nullable: true }) updatedBy!: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** Anti-ban pacing of one WhatsApp sender (004 "Strategi Anti-Banned"); absent fields take the defaults. */
export interface PacingSettings {
  minDelaySeconds?: number;
  maxDelaySeconds?: number;
  jitterSeconds?: number;
  maxPerHour?: number;
  maxPerDay?: number;
  batchSize?: number;
  batchPauseSeconds?: number;
}

/**
 * A mitra's messaging channel settings: anti-ban pacing and its own SMTP server. The send window, quiet days,
 * receipt toggles and logo are part of its versioned settings (Pengaturan, `tenant_settings_versions`).
 */
@Entity('messaging_settings')
export class MessagingSettings {
  @PrimaryColumn({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'jsonb', nullable: true }) pacing!: PacingSettings | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) smtpHost!: string | null;
  @Column({ type: 'integer', nullable: true }) smtpPort!: number | null;
  @Column({ type: 'boolean', default: false }) smtpSecure!: boolean;
  @Column({ type: 'varchar', length: 255, nullable: true }) smtpUser!: string | null;
  /** AES-256-GCM encrypted in the column. */
  @Column({ type: 'text', nullable: true, transformer: encryptedTextTransformer }) smtpPassword!: string | null;
  /** e.g. `"WiFi Sukamaju" <tagihan@sukamaju.net>`. */
  @Column({ type: 'varchar', length: 255, nullable: true }) smtpFrom!: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** One Baileys signal key (pre-key, session, sender key, app-state key…) of a session, encrypted at rest. */
@Entity('whatsapp_auth_keys')
export class WhatsappAuthKey {
  @PrimaryColumn({ type: 'uuid' }) sessionId!: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) type!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) keyId!: string;
  /** Baileys' JSON (`BufferJSON`), AES-256-GCM encrypted. */
  @Column({ type: 'text', transformer: encryptedTextTransformer }) value!: string;
}

export const INBOUND_INTENTS = ['tagihan', 'bayar', 'status', 'bukti', 'stop', 'mulai', 'human'] as const;
export type InboundIntent = (typeof INBOUND_INTENTS)[number];

/** A message a customer sent (WhatsApp), what the chatbot took it for, and a transfer photo ("bukti") for the kasir. */
@Entity('inbound_messages')
export class InboundMessage {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  /** The customer with that number, if any. */
  @Column({ type: 'uuid', nullable: true }) customerId!: string | null;
  /** For "bukti": the outstanding invoice the photo is attached to. */
  @Column({ type: 'uuid', nullable: true }) invoiceId!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'whatsapp' }) channel!: 'whatsapp';
  /** The sender's number (`62…`). */
  @Column({ type: 'varchar', length: 64 }) sender!: string;
  /** Unique per tenant: a message delivered twice is handled once. */
  @Column({ type: 'varchar', length: 128 }) providerMessageId!: string;
  @Column({ type: 'text', default: '' }) text!: string;
  @Column({ type: 'bytea', nullable: true, select: false }) image!: Buffer | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) imageType!: string | null;
  @Column({ type: 'varchar', length: 16 }) intent!: InboundIntent;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
