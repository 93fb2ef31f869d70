import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { AppConfig } from '../config/configuration.js';
import { claimDue } from '../infra/outbox/claim-due.js';
import { OutboxPoller } from '../infra/outbox/outbox-poller.js';
import { nextRetryDelay } from '../infra/outbox/retry-backoff.js';
import { checkWebhookUrl } from './ssrf-guard.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { postWebhook } from './webhook-sender.js';
import { SIGNATURE_HEADER, signPayload } from './webhook-signature.js';

interface DueDelivery {
  id: string;
  attempts: number;
  created_at: Date;
  event_id: string;
  type: string;
  data: unknown;
  event_created_at: Date;
  endpoint_id: string;
  url: string;
  secret_encrypted: Buffer | Uint8Array;
  secret_key_id: string;
}

const BATCH = 20;

/**
 * Delivers the webhook outbox. Every `WEBHOOK_POLL_MS` it claims due deliveries (`claimDue`: SKIP LOCKED and
 * a lease, so several instances never send the same delivery at once and a crashed instance's claim comes
 * due again), and only then makes the HTTP calls (no transaction is held over the network). At least once:
 * a receiver may see an event twice and should de-duplicate on its `id`.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Webhooks');
  private readonly poller = new OutboxPoller(() => this.round(), this.log);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role.workers && this.config.webhooks.workerEnabled) this.poller.start(this.config.webhooks.pollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** One round: claims and sends what is due; returns how many were attempted. */
  runOnce(): Promise<number> {
    return this.poller.runOnce();
  }

  private async round(): Promise<number> {
    const claimed = await claimDue(this.db, 'webhook_deliveries', BATCH, Math.max(30_000, this.config.webhooks.timeoutMs * 3));
    if (!claimed.length) return 0;
    const due = await queryRows<DueDelivery>(
      this.db,
      `SELECT d.id, d.attempts, d.created_at, o.id AS event_id, o.type, o.data, o.created_at AS event_created_at,
              w.id AS endpoint_id, w.url, w.secret_encrypted, w.secret_key_id
         FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id JOIN webhook_endpoints w ON w.id = d.endpoint_id
        WHERE d.id = ANY($1::uuid[])`,
      [claimed],
    );
    await Promise.all(due.map((delivery) => this.deliver(delivery)));
    return due.length;
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const policy = { allowPrivate: this.config.webhooks.allowPrivate };
    const body = JSON.stringify({ id: d.event_id, type: d.type, createdAt: new Date(d.event_created_at).toISOString(), data: d.data });
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const url = checkWebhookUrl(d.url, policy);
      const secret = this.endpoints.decryptSecret({ id: d.endpoint_id, secret_encrypted: d.secret_encrypted, secret_key_id: d.secret_key_id });
      const result = await postWebhook(
        url,
        body,
        {
          'content-type': 'application/json',
          'user-agent': 'RepairHub-Webhooks/1',
          'repairhub-event-id': d.event_id,
          'repairhub-event-type': d.type,
          [SIGNATURE_HEADER.toLowerCase()]: signPayload(secret, body),
        },
        policy,
        this.config.webhooks.timeoutMs,
      );
      status = result.status;
      if (status < 200 || status >= 300) error = status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    const latency = Math.round(performance.now() - started);
    const attempts = d.attempts + 1;
    if (!error) {
      await this.db.query(
        `UPDATE webhook_deliveries SET status = 'succeeded', attempts = $2, response_status = $3, latency_ms = $4, error = NULL,
                delivered_at = now(), next_attempt_at = NULL WHERE id = $1`,
        [d.id, attempts, status, latency],
      );
    } else {
      const delay = nextRetryDelay(attempts, this.config.webhooks.retryBaseMs, Date.now() - new Date(d.created_at).getTime());
      await this.db.query(
        `UPDATE webhook_deliveries SET status = $5, attempts = $2, response_status = $3, latency_ms = $4, error = $6,
                next_attempt_at = CASE WHEN $7::bigint IS NULL THEN NULL ELSE now() + $7::bigint * interval '1 millisecond' END
          WHERE id = $1`,
        [d.id, attempts, status, latency, delay === null ? 'failed' : 'pending', error, delay],
      );
    }
    await this.db.query(`INSERT INTO webhook_delivery_attempts (delivery_id, response_status, latency_ms, error) VALUES ($1, $2, $3, $4)`, [
      d.id,
      status,
      latency,
      error,
    ]);
  }
}
