import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, WebhookEventType } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { newestFirstPage, type PageRequest } from '../common/newest-first-page.js';
import { claimDueSql } from '../common/outbox-claim.js';
import { queryRows, SqlParams, toBuffer } from '../common/sql.js';
import { entityColumns, selectAsEntity } from '../database/entity-columns.js';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookOutboxEvent } from './webhook-outbox-event.entity.js';

const ENDPOINT_UNLISTED = ['secretEncrypted', 'secretKeyId', 'createdBy'] as const;
const DELIVERY_UNLISTED = ['endpointId'] as const;

/** What an admin sees of an endpoint: everything but its secret (and its creator). */
export type EndpointListing = Omit<WebhookEndpoint, (typeof ENDPOINT_UNLISTED)[number]>;

/** A delivery as its endpoint's log shows it, with its event's type. */
export type DeliveryListing = Omit<WebhookDelivery, (typeof DELIVERY_UNLISTED)[number]> & { eventType: WebhookEventType };

/** A claimed delivery with what sending it needs: its event and its endpoint's URL and sealed secret. */
export type DueDelivery = Pick<WebhookDelivery, 'id' | 'attempts' | 'createdAt' | 'eventId' | 'endpointId'> &
  Pick<WebhookEndpoint, 'url' | 'secretEncrypted' | 'secretKeyId'> &
  Pick<WebhookOutboxEvent, 'type' | 'data'> & { eventCreatedAt: WebhookOutboxEvent['createdAt'] };

/** The outcome of a delivery's latest HTTP attempt; `error` is null when the receiver answered 2xx. */
export type AttemptOutcome = Pick<WebhookDeliveryAttempt, 'responseStatus' | 'latencyMs' | 'error'> & Pick<WebhookDelivery, 'attempts'>;

const ENDPOINT_LISTING = selectAsEntity(entityColumns(WebhookEndpoint, ENDPOINT_UNLISTED), 'w');
const DELIVERY_LISTING = `${selectAsEntity(entityColumns(WebhookDelivery, DELIVERY_UNLISTED), 'd')}, o.type AS "eventType"`;
const DELIVERIES = 'webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id';

/** The webhook tables' owner: endpoints, the event outbox, deliveries and their attempts. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whether an active endpoint subscribes to `type`, read in the caller's transaction. */
  static async hasSubscribers(m: EntityManager, type: WebhookEventType): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM webhook_endpoints WHERE active AND $1 = ANY(event_types) LIMIT 1`, [type]);
    return rows.length > 0;
  }

  /** Records the event and one pending delivery per active endpoint subscribed to it, in the caller's transaction. */
  static async recordEvent(m: EntityManager, type: WebhookEventType, data: unknown): Promise<void> {
    await m.query(
      `WITH event AS (INSERT INTO webhook_outbox (type, data) VALUES ($1, $2::jsonb) RETURNING id)
       INSERT INTO webhook_deliveries (endpoint_id, event_id)
       SELECT w.id, event.id FROM webhook_endpoints w, event WHERE w.active AND $1 = ANY(w.event_types)`,
      [type, JSON.stringify(data)],
    );
  }

  async addEndpoint(values: Pick<WebhookEndpoint, 'id' | 'url' | 'eventTypes' | 'secretEncrypted' | 'secretKeyId' | 'createdBy'>): Promise<EndpointListing> {
    const endpoint = this.db.getRepository(WebhookEndpoint).create(values);
    await this.db.getRepository(WebhookEndpoint).insert(endpoint);
    return endpoint;
  }

  endpointPage(page: PageRequest): Promise<Page<EndpointListing>> {
    return newestFirstPage(this.db, { select: ENDPOINT_LISTING, from: 'webhook_endpoints w', alias: 'w' }, page);
  }

  endpointExists(id: string): Promise<boolean> {
    return this.db.getRepository(WebhookEndpoint).exists({ where: { id } });
  }

  /** False when there is no such endpoint; its deliveries and their attempts go with it (cascade). */
  async deleteEndpoint(id: string): Promise<boolean> {
    const result = await this.db.createQueryBuilder().delete().from(WebhookEndpoint).where('id = :id', { id }).returning('id').execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** The endpoint's deliveries. */
  deliveryPage(endpointId: string, page: PageRequest): Promise<Page<DeliveryListing>> {
    const p = new SqlParams();
    return newestFirstPage(this.db, { select: DELIVERY_LISTING, from: DELIVERIES, alias: 'd', where: [`d.endpoint_id = ${p.add(endpointId)}`], p }, page);
  }

  async findDelivery(id: string): Promise<DeliveryListing | null> {
    const [row] = await queryRows<DeliveryListing>(this.db, `SELECT ${DELIVERY_LISTING} FROM ${DELIVERIES} WHERE d.id = $1`, [id]);
    return row ?? null;
  }

  /** Makes the endpoint's delivery due now, whatever its state; false when the endpoint has no such delivery. */
  async makeDueNow(endpointId: string, deliveryId: string): Promise<boolean> {
    const result = await this.db
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ status: 'pending', nextAttemptAt: () => 'now()' })
      .where('id = :deliveryId AND endpoint_id = :endpointId', { deliveryId, endpointId })
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Claims up to `limit` due rows for `leaseMs` (see `claimDueSql`) and returns their ids. */
  async claimDue(m: EntityManager, limit: number, leaseMs: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      claimDueSql('webhook_deliveries'),
      [limit, leaseMs],
    );
    return rows.map((r) => r.id);
  }

  async dueDeliveries(ids: string[]): Promise<DueDelivery[]> {
    const rows = await queryRows<DueDelivery>(
      this.db,
      `SELECT d.id, d.attempts, d.created_at AS "createdAt", d.event_id AS "eventId", o.type, o.data, o.created_at AS "eventCreatedAt",
              d.endpoint_id AS "endpointId", w.url, w.secret_encrypted AS "secretEncrypted", w.secret_key_id AS "secretKeyId"
         FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id JOIN webhook_endpoints w ON w.id = d.endpoint_id
        WHERE d.id = ANY($1::uuid[])`,
      [ids],
    );
    // `bytea` comes back as a Uint8Array from PGlite.
    return rows.map((row) => ({ ...row, secretEncrypted: toBuffer(row.secretEncrypted) }));
  }

  /**
   * Stores the attempt's outcome on the delivery and in its attempt log: succeeded, or due again in
   * `retryInMs`, or failed for good when that is null.
   */
  async recordAttempt(deliveryId: string, outcome: AttemptOutcome, retryInMs: number | null): Promise<void> {
    const { attempts, responseStatus, latencyMs, error } = outcome;
    const update = this.db.createQueryBuilder().update(WebhookDelivery).where('id = :deliveryId', { deliveryId });
    if (!error) {
      await update.set({ status: 'succeeded', attempts, responseStatus, latencyMs, error: null, deliveredAt: () => 'now()', nextAttemptAt: null }).execute();
    } else {
      await update
        .set({
          status: retryInMs === null ? 'failed' : 'pending',
          attempts,
          responseStatus,
          latencyMs,
          error,
          nextAttemptAt: retryInMs === null ? null : () => "now() + CAST(:retryInMs AS bigint) * interval '1 millisecond'",
        })
        .setParameter('retryInMs', retryInMs)
        .execute();
    }
    await this.db.getRepository(WebhookDeliveryAttempt).insert({ deliveryId, responseStatus, latencyMs, error });
  }
}
