import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EMAIL_STATUSES, type EmailStatus } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';
import { User } from '../users/user.entity.js';

/** One notification email: kept here, and sent from here when SMTP is configured. */
@Entity('email_outbox')
@Check('email_outbox_status_check', oneOf('status', EMAIL_STATUSES))
@Unique('email_outbox_dedupe_key', ['dedupeKey'])
@Index('email_outbox_created_idx', ['createdAt', 'id'])
export class EmailOutboxEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The same event never emails twice. */
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User, { onDelete: 'SET NULL' })
  userId: string | null;

  @Column({ type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  textBody: string;

  @Column({ type: 'text' })
  htmlBody: string;

  @Column({ type: 'boolean' })
  essential: boolean;

  @Column({ type: 'text' })
  status: EmailStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  @Index('email_outbox_due_idx', { where: "status = 'pending'" })
  nextAttemptAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
