import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RepairRequest } from '../repairs/repair-request.entity.js';

/** One per repair request. */
@Entity('conversations')
@Index('conversations_activity_idx', ['lastMessageSeq', 'id'])
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey(() => RepairRequest, { onDelete: 'CASCADE' })
  @Index('conversations_repair_request_key', { unique: true })
  repairRequestId: string;

  /** seq of the newest message (0 = none yet): orders lists by activity without scanning messages. */
  @Column({ type: 'bigint', default: 0 })
  lastMessageSeq: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
