import type { DunningPolicy as DunningPolicyDocument } from '@lunas/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A tenant's dunning policy, versioned: a change inserts a new version, never edits an old one, so a
 * running workflow can keep the version it started with. At most one active version per tenant.
 */
@Entity('dunning_policies')
export class DunningPolicy {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'integer' }) version!: number;
  /** The policy document (validated with `validateDunningPolicy`), interpreted by the planner in `libs/domain`. */
  @Column({ type: 'jsonb' }) body!: DunningPolicyDocument;
  @Column({ type: 'boolean', default: false }) active!: boolean;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
