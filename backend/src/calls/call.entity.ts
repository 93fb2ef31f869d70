import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CallStatus } from '@repairhub/contracts';
import { Conversation } from '../chat/conversation.entity.js';
import { oneOf } from '../database/checks.js';
import { User } from '../users/user.entity.js';

const LIVE = "status IN ('ringing', 'active')";

/** A video call of a conversation; at most one is ringing or active per conversation. */
@Entity('calls')
@Check('calls_status_check', oneOf('status', ['ringing', 'active', 'ended', 'declined', 'missed'] satisfies CallStatus[]))
@Index('calls_conversation_created', ['conversationId', 'createdAt'])
export class Call {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey(() => Conversation, { onDelete: 'CASCADE' })
  @Index('calls_one_live_per_conversation', { unique: true, where: LIVE })
  conversationId: string;

  @Column('uuid')
  @ForeignKey(() => User)
  callerId: string;

  @Column('uuid')
  @ForeignKey(() => User)
  calleeId: string;

  @Column({ type: 'text', default: 'ringing' })
  status: CallStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
