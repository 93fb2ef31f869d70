import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_PAGE_LIMIT,
  type CreateWebhookEndpointRequest,
  type WebhookDeliveryView,
  type WebhookEndpointCreatedResponse,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@repairhub/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { invalid, notFound } from '../common/errors/domain-error.js';
import { toPage } from '../common/http/pagination.js';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams, toBuffer } from '../common/sql.js';
import { AppConfig } from '../config/configuration.js';
import { SerialCipher } from '../devices/serial-cipher.js';
import { checkWebhookUrl, resolveSafely, UnsafeWebhookUrl } from './ssrf-guard.js';

interface EndpointRow {
  id: string;
  url: string;
  event_types: WebhookEventType[];
  active: boolean;
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  type: WebhookEventType;
  status: WebhookDeliveryView['status'];
  attempts: number;
  response_status: number | null;
  latency_ms: number | null;
  error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toEndpointView = (r: EndpointRow): WebhookEndpointView => ({
  id: r.id,
  url: r.url,
  eventTypes: r.event_types,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
});
const toDeliveryView = (r: DeliveryRow): WebhookDeliveryView => ({
  id: r.id,
  eventId: r.event_id,
  eventType: r.type,
  status: r.status,
  attempts: r.attempts,
  responseStatus: r.response_status,
  latencyMs: r.latency_ms,
  error: r.error,
  nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  deliveredAt: iso(r.delivered_at),
  createdAt: new Date(r.created_at).toISOString(),
});

/** The signing secret is encrypted with the serial cipher (same keys and rotation), bound to the endpoint id. */
export const endpointAad = (id: string) => `webhook-endpoint:${id}`;

const DELIVERY_COLUMNS = `d.id, d.event_id, o.type, d.status, d.attempts, d.response_status, d.latency_ms, d.error, d.next_attempt_at, d.delivered_at, d.created_at`;

@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly cipher: SerialCipher,
  ) {}

  async create(admin: AuthUser, input: CreateWebhookEndpointRequest): Promise<WebhookEndpointCreatedResponse> {
    const policy = { allowPrivate: this.config.webhooks.allowPrivate };
    try {
      const url = checkWebhookUrl(input.url, policy);
      await resolveSafely(url.hostname, policy);
    } catch (error) {
      if (error instanceof UnsafeWebhookUrl) throw invalid('WEBHOOK.UNSAFE_URL', `The URL ${error.message}.`, 'url');
      throw invalid('WEBHOOK.UNSAFE_URL', 'The URL does not resolve.', 'url');
    }
    const id = randomUUID();
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const sealed = this.cipher.encrypt(secret, endpointAad(id));
    const [row] = await queryRows<EndpointRow>(
      this.db,
      `INSERT INTO webhook_endpoints (id, url, event_types, secret_encrypted, secret_key_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, url, event_types, active, created_at`,
      [id, input.url, [...new Set(input.eventTypes)], sealed.envelope, sealed.keyId, admin.id],
    );
    return { endpoint: toEndpointView(row), secret };
  }

  async list(query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const p = new SqlParams();
    const where = newestFirstCursor(query.cursor, 'w', p);
    const rows = await queryRows<EndpointRow & { cursor_at: string }>(
      this.db,
      `SELECT w.id, w.url, w.event_types, w.active, w.created_at, ${cursorTimestamp('w.created_at')} AS cursor_at
         FROM webhook_endpoints w WHERE ${where} ORDER BY w.created_at DESC, w.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map(toEndpointView), nextCursor: page.nextCursor };
  }

  /** Removes the endpoint and its pending deliveries. */
  async remove(id: string): Promise<void> {
    const rows = await queryRows(this.db, `DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id`, [id]);
    if (!rows.length) throw notFound('WEBHOOK.NOT_FOUND', 'Webhook endpoint');
  }

  /** The delivery log, newest first. */
  async deliveries(endpointId: string, query: { limit?: number; cursor?: string }) {
    await this.requireEndpoint(endpointId);
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const p = new SqlParams();
    const endpoint = p.add(endpointId);
    const where = newestFirstCursor(query.cursor, 'd', p);
    const rows = await queryRows<DeliveryRow & { cursor_at: string }>(
      this.db,
      `SELECT ${DELIVERY_COLUMNS}, ${cursorTimestamp('d.created_at')} AS cursor_at
         FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id
        WHERE d.endpoint_id = ${endpoint} AND ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor };
  }

  /** Manual re-send: the delivery is due again now (whatever its state); its attempt history is kept. */
  async resend(endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const updated = await queryRows<{ id: string }>(
      this.db,
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now() WHERE id = $1 AND endpoint_id = $2 RETURNING id`,
      [deliveryId, endpointId],
    );
    if (!updated.length) throw notFound('WEBHOOK.DELIVERY_NOT_FOUND', 'Delivery');
    const [row] = await queryRows<DeliveryRow>(this.db, `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id WHERE d.id = $1`, [deliveryId]);
    return toDeliveryView(row);
  }

  decryptSecret(row: { id: string; secret_encrypted: Buffer | Uint8Array; secret_key_id: string }): string {
    return this.cipher.decrypt(toBuffer(row.secret_encrypted), row.secret_key_id, endpointAad(row.id));
  }

  private async requireEndpoint(id: string): Promise<void> {
    const rows = await queryRows(this.db, `SELECT 1 FROM webhook_endpoints WHERE id = $1`, [id]);
    if (!rows.length) throw notFound('WEBHOOK.NOT_FOUND', 'Webhook endpoint');
  }
}
