import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WebhookEventType } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { claimDueSql } from '../common/outbox-claim.js';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams, toBuffer } from '../common/sql.js';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookOutboxEvent } from './webhook-outbox-event.entity.js';

/** What an admin sees of an endpoint: everything but its secret. */
export type EndpointListing = Pick<WebhookEndpoint, 'id' | 'url' | 'eventTypes' | 'active' | 'createdAt'>;

/** A delivery as its endpoint's log shows it, with its event's type. */
export type DeliveryListing = Pick<
  WebhookDelivery,
  'id' | 'eventId' | 'status' | 'attempts' | 'responseStatus' | 'latencyMs' | 'error' | 'nextAttemptAt' | 'deliveredAt' | 'createdAt'
> & { eventType: WebhookEventType };

/** A claimed delivery with what sending it needs: its event and its endpoint's URL and sealed secret. */
export type DueDelivery = Pick<WebhookDelivery, 'id' | 'attempts' | 'createdAt' | 'eventId' | 'endpointId'> &
  Pick<WebhookEndpoint, 'url' | 'secretEncrypted' | 'secretKeyId'> &
  Pick<WebhookOutboxEvent, 'type' | 'data'> & { eventCreatedAt: WebhookOutboxEvent['createdAt'] };

/** The outcome of a delivery's latest HTTP attempt; `error` is null when the receiver answered 2xx. */
export type AttemptOutcome = Pick<WebhookDeliveryAttempt, 'responseStatus' | 'latencyMs' | 'error'> & Pick<WebhookDelivery, 'attempts'>;

const DELIVERY_LISTING = `d.id, d.event_id AS "eventId", o.type AS "eventType", d.status, d.attempts, d.response_status AS "responseStatus",
  d.latency_ms AS "latencyMs", d.error, d.next_attempt_at AS "nextAttemptAt", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"`;

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

  /** Newest first: up to `take` endpoints after the cursor, each with its own cursor timestamp (`cursorAt`). */
  endpointPage(cursor: string | undefined, take: number): Promise<(EndpointListing & { cursorAt: string })[]> {
    const p = new SqlParams();
    const where = newestFirstCursor(cursor, 'w', p);
    return queryRows(
      this.db,
      `SELECT w.id, w.url, w.event_types AS "eventTypes", w.active, w.created_at AS "createdAt", ${cursorTimestamp('w.created_at')} AS "cursorAt"
         FROM webhook_endpoints w WHERE ${where} ORDER BY w.created_at DESC, w.id DESC LIMIT ${p.add(take)}`,
      p.values,
    );
  }

  endpointExists(id: string): Promise<boolean> {
    return this.db.getRepository(WebhookEndpoint).exists({ where: { id } });
  }

  /** False when there is no such endpoint; its deliveries and their attempts go with it (cascade). */
  async deleteEndpoint(id: string): Promise<boolean> {
    const result = await this.db.createQueryBuilder().delete().from(WebhookEndpoint).where('id = :id', { id }).returning('id').execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** The endpoint's deliveries, newest first: up to `take` after the cursor, each with its cursor timestamp. */
  deliveryPage(endpointId: string, cursor: string | undefined, take: number): Promise<(DeliveryListing & { cursorAt: string })[]> {
    const p = new SqlParams();
    const endpoint = p.add(endpointId);
    const where = newestFirstCursor(cursor, 'd', p);
    return queryRows(
      this.db,
      `SELECT ${DELIVERY_LISTING}, ${cursorTimestamp('d.created_at')} AS "cursorAt"
         FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id
        WHERE d.endpoint_id = ${endpoint} AND ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ${p.add(take)}`,
      p.values,
    );
  }

  async findDelivery(id: string): Promise<DeliveryListing | null> {
    const [row] = await queryRows<DeliveryListing>(this.db, `SELECT ${DELIVERY_LISTING} FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id WHERE d.id = $1`, [id]);
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
