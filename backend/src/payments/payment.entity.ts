import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { PAYMENT_STATUSES, type Currency, type PaymentStatus } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';
import { Quote } from '../quotes/quote.entity.js';
import { RepairRequest } from '../repairs/repair-request.entity.js';
import { User } from '../users/user.entity.js';

/**
 * One attempt to pay a quote: a Stripe PaymentIntent (`providerRef`). Its id and idempotency key are
 * derived from (quote, attempt), see `payment-keys.ts`. Amounts are ISO 4217 minor units.
 */
@Entity('payments')
@Check('payments_attempt_check', 'attempt >= 1')
@Check('payments_amount_check', 'amount > 0')
@Check('payments_currency_check', "currency ~ '^[a-z]{3}$'")
@Check('payments_status_check', oneOf('status', PAYMENT_STATUSES))
@Check('payments_refunded_within_amount', 'amount_refunded BETWEEN 0 AND amount')
@Unique('payments_quote_attempt_key', ['quoteId', 'attempt'])
@Unique('payments_provider_ref_key', ['provider', 'providerRef'])
@Unique('payments_idempotency_key_key', ['idempotencyKey'])
// At most one payment per quote that is open or took the money.
@Index('payments_one_live_per_quote', ['quoteId'], {
  unique: true,
  where: "status IN ('requires_payment', 'processing', 'succeeded', 'refunded')",
})
@Index('payments_customer_created_idx', ['customerId', 'createdAt', 'id'])
@Index('payments_created_idx', ['createdAt', 'id'])
@Index('payments_status_created_idx', ['status', 'createdAt', 'id'])
@Index('payments_open_updated_idx', ['updatedAt'], { where: "status IN ('requires_payment', 'processing')" })
export class Payment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') @ForeignKey(() => Quote) quoteId: string;
  @Column('uuid') @ForeignKey(() => RepairRequest) @Index('payments_repair_idx') repairRequestId: string;
  @Column('uuid') @ForeignKey(() => User) customerId: string;
  @Column({ type: 'integer' }) attempt: number;
  @Column({ type: 'integer' }) amount: number;
  @Column({ type: 'text' }) currency: Currency;
  @Column({ type: 'integer', default: 0 }) amountRefunded: number;
  @Column({ type: 'text', default: 'requires_payment' }) status: PaymentStatus;
  @Column({ type: 'text', default: 'stripe' }) provider: string;
  @Column({ type: 'text' }) providerRef: string;
  @Column({ type: 'text' }) idempotencyKey: string;
  @Column({ type: 'boolean' }) testMode: boolean;
  @Column({ type: 'text', nullable: true }) failureCode: string | null;
  @Column({ type: 'text', nullable: true }) failureMessage: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
