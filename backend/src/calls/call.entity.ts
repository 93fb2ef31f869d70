import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallStatus } from '@repairhub/contracts';

/** A video call of a conversation. Written through `CallsService` (hand-written SQL); the entity documents the table. */
@Entity('calls')
export class Call {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  conversationId: string;

  @Column('uuid')
  callerId: string;

  @Column('uuid')
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
