import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { REFUND_STATUSES, type RefundStatus } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';
import { User } from '../users/user.entity.js';
import { Payment } from './payment.entity.js';

/** A refund an admin asked for; `pending` until Stripe's `charge.refunded` webhook confirms it. */
@Entity('refunds')
@Check('refunds_seq_check', 'seq >= 1')
@Check('refunds_amount_check', 'amount > 0')
@Check('refunds_status_check', oneOf('status', REFUND_STATUSES))
@Unique('refunds_payment_seq_key', ['paymentId', 'seq'])
@Unique('refunds_provider_ref_key', ['providerRef'])
@Unique('refunds_idempotency_key_key', ['idempotencyKey'])
@Index('refunds_succeeded_created_idx', ['createdAt'], { where: "status = 'succeeded'" })
export class Refund {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') @ForeignKey(() => Payment) paymentId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'integer' }) amount: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text', default: 'pending' }) status: RefundStatus;
  @Column({ type: 'text' }) providerRef: string;
  @Column({ type: 'text' }) idempotencyKey: string;
  @Column('uuid') @ForeignKey(() => User) createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
