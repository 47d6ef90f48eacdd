import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A message in the operators' inbox for the operators of a tenant who hold `permission` (e.g. Finance about a chargeback). */
@Entity('operator_notifications')
export class OperatorNotification {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  /** Who sees it: operators of the tenant (and superadmins) holding this permission. */
  @Column({ type: 'varchar', length: 64 }) permission!: string;
  /** Machine-readable kind, e.g. `chargeback`. */
  @Column({ type: 'varchar', length: 64 }) kind!: string;
  /** One line in Bahasa Indonesia. */
  @Column({ type: 'varchar', length: 255 }) title!: string;
  @Column({ type: 'text' }) body!: string;
  /** What it is about, e.g. `invoice` and its id. */
  @Column({ type: 'varchar', length: 32, nullable: true }) entityType!: string | null;
  @Column({ type: 'uuid', nullable: true }) entityId!: string | null;
  /** A repeat of the same event adds nothing. */
  @Column({ type: 'varchar', length: 200 }) idempotencyKey!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/** An operator has read a notification (once per operator). */
@Entity('operator_notification_reads')
export class OperatorNotificationRead {
  @PrimaryColumn({ type: 'uuid' }) notificationId!: string;
  @PrimaryColumn({ type: 'uuid' }) userId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) readAt!: Date;
}
