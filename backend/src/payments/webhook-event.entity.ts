import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Payment } from './payment.entity.js';

/** A provider webhook event we handled; the unique (provider, providerEventId) makes handling idempotent. */
@Entity('webhook_events')
@Unique('webhook_events_provider_event_key', ['provider', 'providerEventId'])
export class WebhookEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', default: 'stripe' }) provider: string;
  @Column({ type: 'text' }) providerEventId: string;
  @Column({ type: 'text' }) type: string;
  /** The id of the event's object (a PaymentIntent or Charge); no payload, so no personal data. */
  @Column({ type: 'text', nullable: true }) objectId: string | null;
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Payment)
  @Index('webhook_events_payment_idx', { where: 'payment_id IS NOT NULL' })
  paymentId: string | null;
  /** applied | ignored | mismatch | unknown_payment | unhandled */
  @Column({ type: 'text', default: 'received' }) outcome: string;
  @Column({ type: 'text', nullable: true }) detail: string | null;
  @Column({ type: 'boolean' }) livemode: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt: Date;
}
