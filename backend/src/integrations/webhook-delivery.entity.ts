import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookDeliveryStatus } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookOutboxEvent } from './webhook-outbox-event.entity.js';

/** One event owed to one endpoint, retried with back-off until it succeeds or fails for good. */
@Entity('webhook_deliveries')
@Check('webhook_deliveries_status_check', oneOf('status', ['pending', 'succeeded', 'failed'] satisfies WebhookDeliveryStatus[]))
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt', 'id'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  endpointId: string;

  @Column('uuid')
  @ForeignKey(() => WebhookOutboxEvent, { onDelete: 'CASCADE' })
  eventId: string;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true, default: () => 'now()' })
  @Index('webhook_deliveries_due_idx', { where: "status = 'pending'" })
  nextAttemptAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'integer', nullable: true })
  latencyMs: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
