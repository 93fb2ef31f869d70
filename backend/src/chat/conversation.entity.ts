import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One per repair request. Written through `ChatService` (hand-written SQL); the entity documents the table. */
@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { unique: true })
  repairRequestId: string;

  @Column({ type: 'bigint', default: 0 })
  lastMessageSeq: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
