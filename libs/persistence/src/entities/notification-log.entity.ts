import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_CHANNELS = ['whatsapp', 'email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** `sent`: delivered by a real channel; `simulated`: only recorded by a local stand-in adapter, nothing left Lunas. */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'simulated', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Every message sent, simulated or deliberately skipped to a customer; the idempotency key makes a retry a no-op. */
@Entity('notification_log')
export class NotificationLog {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid', nullable: true }) subscriptionId!: string | null;
  @Column({ type: 'uuid', nullable: true }) invoiceId!: string | null;
  @Column({ type: 'uuid', nullable: true }) customerId!: string | null;
  @Column({ type: 'varchar', length: 16 }) channel!: NotificationChannel;
  /** Template name, e.g. `invoice_issued`, `reminder_1`, `suspend_warning`, `receipt`. */
  @Column({ type: 'varchar', length: 64 }) template!: string;
  /** Phone (`62…`) or email address. */
  @Column({ type: 'varchar', length: 255 }) recipient!: string;
  /** e.g. `<subscriptionId>:<period>:reminder_1`. */
  @Column({ type: 'varchar', length: 200 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: NotificationStatus;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** Name of the adapter that handled the message, e.g. `local-notification`; null when it was skipped. */
  @Column({ type: 'varchar', length: 40, nullable: true }) adapter!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  /** `billing` (the bill and its notices) or `broadcast` (maintenance, promotions; stopped by "STOP"). */
  @Column({ type: 'varchar', length: 16, default: 'billing' }) category!: 'billing' | 'broadcast';
  /** Same on every attempt of this message (email Message-ID, WhatsApp message id): the receiver drops a repeat. */
  @Column({ type: 'varchar', length: 64, nullable: true }) messageId!: string | null;
  @Column({ type: 'varchar', length: 128, nullable: true }) providerMessageId!: string | null;
  /** From the provider's receipts (WhatsApp: sent → delivered → read; failed). */
  @Column({ type: 'varchar', length: 16, nullable: true }) deliveryStatus!: DeliveryStatus | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
