import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { phoneTransformer } from '../support/phone.transformer';
import { Role } from './role.entity';

/** A person who logs in to the console (superadmin, mitra admin, staff). Customers have no login. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) username!: string;
  /** argon2id hash (`@node-rs/argon2`). */
  @Column({ type: 'varchar', length: 255 }) passwordHash!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  /** Contact number in the `62…` form, normalised on write (`normalisePhone`). */
  @Column({ type: 'varchar', length: 20, nullable: true, transformer: phoneTransformer }) phone!: string | null;
  @Column({ type: 'boolean', default: true }) isActive!: boolean;
  /** Failed logins less than 15 minutes apart from any address; 20 lock the account for 15 minutes (api `login-lockout.ts`). */
  @Column({ type: 'integer', default: 0 }) failedLoginAttempts!: number;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastFailedLoginAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt!: Date | null;
  @ManyToMany(() => Role)
  @JoinTable({ name: 'user_roles', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'role_id' } })
  roles?: Role[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
