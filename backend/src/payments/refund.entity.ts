import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RefundStatus } from '@repairhub/contracts';

/** A refund an admin asked for; `pending` until Stripe's `charge.refunded` webhook confirms it. */
@Entity('refunds')
export class Refund {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') paymentId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'integer' }) amount: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text', default: 'pending' }) status: RefundStatus;
  @Column({ type: 'text' }) providerRef: string;
  @Column({ type: 'text' }) idempotencyKey: string;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
