import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One action on one resource, e.g. `invoice.mark_paid`. */
@Entity('permissions')
export class Permission {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 100 }) code!: string;
  @Column({ type: 'text' }) description!: string;
}
