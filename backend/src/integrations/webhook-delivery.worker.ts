import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/configuration.js';
import { OutboxPoller } from '../infra/outbox/outbox-poller.js';
import { nextRetryDelay } from '../infra/outbox/retry-backoff.js';
import { checkWebhookUrl } from './ssrf-guard.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { postWebhook } from './webhook-sender.js';
import { SIGNATURE_HEADER, signPayload } from './webhook-signature.js';
import { WebhooksRepository, type DueDelivery } from './webhooks.repository.js';

const BATCH = 20;

/**
 * Delivers the webhook outbox. Every `WEBHOOK_POLL_MS` it claims due deliveries (`WebhooksRepository.claimDue`:
 * SKIP LOCKED and a lease, so several instances never send the same delivery at once and a crashed instance's
 * claim comes due again), and only then makes the HTTP calls (no transaction is held over the network). At least once:
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
    private readonly webhooks: WebhooksRepository,
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
    const lease = Math.max(30_000, this.config.webhooks.timeoutMs * 3);
    const claimed = await this.db.transaction((m) => this.webhooks.claimDue(m, BATCH, lease));
    if (!claimed.length) return 0;
    const due = await this.webhooks.dueDeliveries(claimed);
    await Promise.all(due.map((delivery) => this.deliver(delivery)));
    return due.length;
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const policy = { allowPrivate: this.config.webhooks.allowPrivate };
    const body = JSON.stringify({ id: d.eventId, type: d.type, createdAt: new Date(d.eventCreatedAt).toISOString(), data: d.data });
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const url = checkWebhookUrl(d.url, policy);
      const secret = this.endpoints.decryptSecret({ id: d.endpointId, secretEncrypted: d.secretEncrypted, secretKeyId: d.secretKeyId });
      const result = await postWebhook(
        url,
        body,
        {
          'content-type': 'application/json',
          'user-agent': 'RepairHub-Webhooks/1',
          'repairhub-event-id': d.eventId,
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
    const latencyMs = Math.round(performance.now() - started);
    const attempts = d.attempts + 1;
    const retryInMs = error ? nextRetryDelay(attempts, this.config.webhooks.retryBaseMs, Date.now() - new Date(d.createdAt).getTime()) : null;
    await this.webhooks.recordAttempt(d.id, { attempts, responseStatus: status, latencyMs, error }, retryInMs);
  }
}
