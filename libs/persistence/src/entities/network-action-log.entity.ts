import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const NETWORK_ACTIONS = ['suspend', 'unsuspend'] as const;
export type NetworkAction = (typeof NETWORK_ACTIONS)[number];
/** `applied`: the network changed; `simulated`: only recorded by a local stand-in adapter, the network was not touched. */
export const NETWORK_ACTION_RESULTS = ['pending', 'applied', 'simulated', 'failed', 'skipped'] as const;
export type NetworkActionResult = (typeof NETWORK_ACTION_RESULTS)[number];

/** A suspend/unsuspend sent to the network (RADIUS/AAA); unique idempotency key per attempt of a step. */
@Entity('network_action_log')
export class NetworkActionLog {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) subscriptionId!: string;
  @Column({ type: 'varchar', length: 16 }) action!: NetworkAction;
  @Column({ type: 'varchar', length: 200 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) result!: NetworkActionResult;
  /** Who/why (actor, reason, dunning step) and the AAA reply. */
  @Column({ type: 'jsonb', nullable: true }) detail!: Record<string, unknown> | null;
  /** Name of the adapter that handled the action, e.g. `local-network`; null when it was skipped. */
  @Column({ type: 'varchar', length: 40, nullable: true }) adapter!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
