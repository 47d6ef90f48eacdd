import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PAYMENT_EVENT_STATUSES = ['pending', 'forwarded', 'parked', 'failed'] as const;
/**
 * `pending`: stored, not yet booked or not yet signalled; `forwarded`: the workflow has it; `parked`: no workflow can
 * take it (unknown invoice), kept for an operator; `failed`: gave up after retries.
 */
export type PaymentEventStatus = (typeof PAYMENT_EVENT_STATUSES)[number];

/** The webhook inbox: one row per gateway notification, unique per (gateway, signing account, event id). */
@Entity('payment_events')
export class PaymentEvent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 32 }) gateway!: string;
  @Column({ type: 'varchar', length: 200 }) eventId!: string;
  /** The exact bytes received (as text), kept for signature re-checks and audits. */
  @Column({ type: 'text' }) rawBody!: string;
  @Column({ type: 'jsonb' }) headers!: Record<string, string | string[]>;
  /** The verified event as the gateway adapter normalised it (one notification may carry several). */
  @Column({ type: 'jsonb', nullable: true }) event!: unknown;
  /** The gateway account whose credentials authenticated the notification: a tenant id or `default`. */
  @Column({ type: 'varchar', length: 64, nullable: true }) accountId!: string | null;
  /** When the event was booked (payment, allocation, invoice, outbox); null while it waits for the processor. */
  @Column({ type: 'timestamptz', nullable: true }) bookedAt!: Date | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: PaymentEventStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) forwardedAt!: Date | null;
  /** W3C `traceparent` of the request that stored the event (null while traces are off): its booking and signals continue that trace. */
  @Column({ type: 'varchar', length: 55, nullable: true }) traceParent!: string | null;
}
