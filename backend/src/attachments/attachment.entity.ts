import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { AttachmentContentType } from '@repairhub/contracts';
import { Message } from '../chat/message.entity.js';
import { RepairRequest } from '../repairs/repair-request.entity.js';
import { User } from '../users/user.entity.js';

/** A stored file of a repair request. The bytes live in the attachment storage under `storageKey`. */
@Entity('attachments')
@Check('attachments_size_check', 'size > 0')
@Unique('attachments_storage_key_key', ['storageKey'])
@Index('attachments_repair_idx', ['repairRequestId', 'createdAt'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey(() => RepairRequest, { onDelete: 'CASCADE' })
  repairRequestId: string;

  @Column('uuid')
  @ForeignKey(() => User)
  uploadedBy: string;

  /** The chat message that carries it, if any (set once, when the message is sent). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Message, { onDelete: 'SET NULL' })
  @Index('attachments_message_idx', { where: 'message_id IS NOT NULL' })
  messageId: string | null;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  contentType: AttachmentContentType;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'text' })
  storageKey: string;

  /** Indexed for the storage sweep, which asks whether a stored object is anyone's thumbnail. */
  @Column({ type: 'text', nullable: true })
  @Index('attachments_thumbnail_key_idx', { where: 'thumbnail_key IS NOT NULL' })
  thumbnailKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
