import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Conversation } from './conversation.entity.js';
import { Message } from './message.entity.js';

/** A reader's position in a conversation (read receipts, unread counts). */
@Entity('conversation_participants')
export class ConversationParticipant {
  @PrimaryColumn('uuid')
  @ForeignKey(() => Conversation, { onDelete: 'CASCADE' })
  conversationId: string;

  @PrimaryColumn('uuid')
  @ForeignKey(() => User, { onDelete: 'CASCADE' })
  @Index('conversation_participants_user_idx')
  userId: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Message, { onDelete: 'SET NULL' })
  lastReadMessageId: string | null;

  @Column({ type: 'bigint', default: 0 })
  lastReadSeq: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
