import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A configuration value; `tenantId = null` is global. Unique per (tenant, key), a null tenant included. */
@Entity('settings')
export class Setting {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) tenantId!: string | null;
  @Column({ type: 'varchar', length: 100 }) key!: string;
  @Column({ type: 'jsonb' }) value!: unknown;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
