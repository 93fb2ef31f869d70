import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A provider webhook event we handled; the unique (provider, providerEventId) makes handling idempotent. */
@Entity('webhook_events')
export class WebhookEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', default: 'stripe' }) provider: string;
  @Column({ type: 'text' }) providerEventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text', nullable: true }) objectId: string | null;
  @Column({ type: 'uuid', nullable: true }) paymentId: string | null;
  @Column({ type: 'text', default: 'received' }) outcome: string;
  @Column({ type: 'text', nullable: true }) detail: string | null;
  @Column({ type: 'boolean' }) livemode: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt: Date;
}
