import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * One opaque refresh token. Only its keyed hash is stored. Tokens rotated from one login share a
 * `familyId`; presenting a spent token revokes the whole family.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { onDelete: 'CASCADE' })
  @Index('refresh_tokens_user_idx', { where: 'revoked_at IS NULL' })
  userId: string;

  @Column({ type: 'uuid' })
  @Index('refresh_tokens_family_idx')
  familyId: string;

  @Column({ type: 'text' })
  @Index('refresh_tokens_hash_key', { unique: true })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Absolute end of the family, however often it rotates. */
  @Column({ type: 'timestamptz' })
  familyExpiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
