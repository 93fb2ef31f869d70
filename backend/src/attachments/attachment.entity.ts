import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AttachmentContentType } from '@repairhub/contracts';

/** A stored file of a repair request. The bytes live in the attachment storage under `storageKey`. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  repairRequestId: string;

  @Column('uuid')
  uploadedBy: string;

  /** The chat message that carries it, if any (set once, when the message is sent). */
  @Column({ type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  contentType: AttachmentContentType;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'text' })
  storageKey: string;

  @Column({ type: 'text', nullable: true })
  thumbnailKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
