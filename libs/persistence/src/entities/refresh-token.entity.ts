import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A rotating refresh token, stored only as its SHA-256 hash. Every refresh issues a new token in the
 * same family and revokes the old one; presenting a revoked token revokes the whole family (reuse detection).
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) userId!: string;
  @Column({ type: 'uuid' }) familyId!: string;
  @Column({ type: 'char', length: 64 }) tokenHash!: string;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) revokedReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) replacedById!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) userAgent!: string | null;
  @Column({ type: 'varchar', length: 45, nullable: true }) ipAddress!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
