import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookEventType } from '@repairhub/contracts';
import { User } from '../users/user.entity.js';

/** An integrator's URL subscribed to event types; its signing secret is stored encrypted. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  eventTypes: WebhookEventType[];

  @Column({ type: 'bytea' })
  secretEncrypted: Buffer;

  @Column({ type: 'text' })
  secretKeyId: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column('uuid')
  @ForeignKey(() => User)
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
