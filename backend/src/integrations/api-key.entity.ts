import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ApiKeyScope } from '@repairhub/contracts';
import { User } from '../users/user.entity.js';

/** An integrator's key: `prefix` finds it, only a keyed hash of the secret is stored. */
@Entity('api_keys')
@Unique('api_keys_prefix_key', ['prefix'])
@Index('api_keys_created_idx', ['createdAt', 'id'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'bytea' })
  secretHash: Buffer;

  @Column({ type: 'text', array: true })
  scopes: ApiKeyScope[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column('uuid')
  @ForeignKey(() => User)
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
