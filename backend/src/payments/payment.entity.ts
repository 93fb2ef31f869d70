import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Currency, PaymentStatus } from '@repairhub/contracts';

/**
 * One attempt to pay a quote: a Stripe PaymentIntent (`providerRef`). Its id and idempotency key are
 * derived from (quote, attempt), see `payment-keys.ts`. Amounts are ISO 4217 minor units.
 */
@Entity('payments')
export class Payment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') quoteId: string;
  @Column('uuid') repairRequestId: string;
  @Column('uuid') customerId: string;
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
