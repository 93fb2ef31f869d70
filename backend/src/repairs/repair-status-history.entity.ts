import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Actor, RepairStatus } from '@repairhub/contracts';

/** Append-only: one row per status change, written in the transaction that made the change. */
@Entity('repair_status_history')
export class RepairStatusHistory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order (identity column), the timeline's order. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid')
  repairRequestId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: RepairStatus | null;

  @Column({ type: 'text' })
  toStatus: RepairStatus;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorRole: Actor;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
