import { Check, Column, CreateDateColumn, Entity, ForeignKey, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MESSAGE_TYPES, type MessageType, type SystemEvent } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';
import { User } from '../users/user.entity.js';
import { Conversation } from './conversation.entity.js';

@Entity('messages')
@Check('messages_type_check', oneOf('type', MESSAGE_TYPES))
@Check('messages_sender_by_type', "(type = 'system') = (sender_id IS NULL)")
@Check('messages_event_system_only', "event IS NULL OR type = 'system'")
@Index('messages_conversation_seq_idx', ['conversationId', 'seq'])
// A retry with the same clientId finds the original (NULLs never collide).
@Index('messages_sender_client_key', ['senderId', 'clientId'], { unique: true })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Strict order. Senders lock the conversation row before inserting, so within one conversation
   * seq order is commit order and "everything after seq N" never skips a late commit.
   */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  // TypeORM's PostgreSQL driver builds identity columns for this strategy, though the decorator's type omits it.
  @Generated('identity' as 'increment')
  seq: string;

  @Column('uuid')
  @ForeignKey(() => Conversation, { onDelete: 'CASCADE' })
  conversationId: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User)
  senderId: string | null;

  @Column({ type: 'text' })
  type: MessageType;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'jsonb', nullable: true })
  event: SystemEvent | null;

  @Column({ type: 'text', nullable: true })
  clientId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
