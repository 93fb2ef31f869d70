import { Check, Column, CreateDateColumn, Entity, ForeignKey, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ACTORS, REPAIR_STATUSES, type Actor, type RepairStatus } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';
import { User } from '../users/user.entity.js';
import { RepairRequest } from './repair-request.entity.js';

/** Append-only: one row per status change, written in the transaction that made the change. */
@Entity('repair_status_history')
@Check('repair_status_history_from_status_check', oneOf('from_status', REPAIR_STATUSES))
@Check('repair_status_history_to_status_check', oneOf('to_status', REPAIR_STATUSES))
@Check('repair_status_history_actor_role_check', oneOf('actor_role', ACTORS))
@Index('repair_status_history_repair_idx', ['repairRequestId', 'seq'])
@Index('repair_status_history_created_idx', ['createdAt', 'repairRequestId'])
export class RepairStatusHistory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order (identity column), the timeline's order. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  // TypeORM's PostgreSQL driver builds identity columns for this strategy, though the decorator's type omits it.
  @Generated('identity' as 'increment')
  seq: string;

  @Column('uuid')
  @ForeignKey(() => RepairRequest, { onDelete: 'CASCADE' })
  repairRequestId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: RepairStatus | null;

  @Column({ type: 'text' })
  toStatus: RepairStatus;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User)
  actorId: string | null;

  @Column({ type: 'text' })
  actorRole: Actor;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
