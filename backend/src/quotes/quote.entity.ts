import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { QUOTE_STATUSES, type Currency, type QuoteStatus } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';
import { RepairRequest } from '../repairs/repair-request.entity.js';
import { User } from '../users/user.entity.js';

const OPEN = "status IN ('pending', 'payment_pending')";

/**
 * A technician's price for a repair request. `status` is the stored one; a `pending` quote past
 * `expiresAt` reads as `expired` (`effectiveQuoteStatus`). At most one quote per request is open
 * (`pending` or `payment_pending`), enforced by a partial unique index.
 */
@Entity('quotes')
@Check('quotes_parts_cost_check', 'parts_cost BETWEEN 0 AND 1000000000')
@Check('quotes_labor_cost_check', 'labor_cost BETWEEN 0 AND 1000000000')
@Check('quotes_currency_check', "currency ~ '^[a-z]{3}$'")
@Check('quotes_status_check', oneOf('status', QUOTE_STATUSES))
@Index('quotes_repair_idx', ['repairRequestId', 'createdAt', 'id'])
@Index('quotes_open_created_idx', ['createdAt', 'id'], { where: OPEN })
export class Quote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey(() => RepairRequest)
  @Index('quotes_one_open_per_repair', { unique: true, where: OPEN })
  repairRequestId: string;

  @Column('uuid')
  @ForeignKey(() => User)
  technicianId: string;

  @Column({ type: 'integer' })
  partsCost: number;

  @Column({ type: 'integer' })
  laborCost: number;

  @Column({ type: 'integer', generatedType: 'STORED', asExpression: 'parts_cost + labor_cost', insert: false, update: false })
  total: number;

  @Column({ type: 'text' })
  currency: Currency;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: QuoteStatus;

  /** The expiry and reminder jobs look for pending quotes by it. */
  @Column({ type: 'timestamptz' })
  @Index('quotes_pending_expiry_idx', { where: "status = 'pending'" })
  expiresAt: Date;

  /** Given by the customer when rejecting. */
  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reminderSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
