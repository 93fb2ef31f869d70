import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CreateWebhookEndpointRequest, WebhookDeliveryView, WebhookEndpointCreatedResponse, WebhookEndpointView } from '@repairhub/contracts';
import type { AuthUser } from '../common/auth-user.js';
import { invalid, notFound } from '../common/errors/domain-error.js';
import type { PageRequest } from '../common/newest-first-page.js';
import { AppConfig } from '../config/configuration.js';
import { SerialCipher } from '../devices/serial-cipher.js';
import { checkWebhookUrl, resolveSafely, UnsafeWebhookUrl } from './ssrf-guard.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhooksRepository, type DeliveryListing, type EndpointListing } from './webhooks.repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toEndpointView = (e: EndpointListing): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  eventTypes: e.eventTypes,
  active: e.active,
  createdAt: new Date(e.createdAt).toISOString(),
});
const toDeliveryView = (d: DeliveryListing): WebhookDeliveryView => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  latencyMs: d.latencyMs,
  error: d.error,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  deliveredAt: iso(d.deliveredAt),
  createdAt: new Date(d.createdAt).toISOString(),
});

/** The signing secret is encrypted with the serial cipher (same keys and rotation), bound to the endpoint id. */
export const endpointAad = (id: string) => `webhook-endpoint:${id}`;

@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly config: AppConfig,
    private readonly cipher: SerialCipher,
    private readonly webhooks: WebhooksRepository,
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
    const endpoint = await this.webhooks.addEndpoint({
      id,
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      secretEncrypted: sealed.envelope,
      secretKeyId: sealed.keyId,
      createdBy: admin.id,
    });
    return { endpoint: toEndpointView(endpoint), secret };
  }

  async list(query: PageRequest) {
    const page = await this.webhooks.endpointPage(query);
    return { items: page.items.map(toEndpointView), nextCursor: page.nextCursor };
  }

  /** Removes the endpoint and its pending deliveries. */
  async remove(id: string): Promise<void> {
    if (!(await this.webhooks.deleteEndpoint(id))) throw notFound('WEBHOOK.NOT_FOUND', 'Webhook endpoint');
  }

  /** The delivery log, newest first. */
  async deliveries(endpointId: string, query: PageRequest) {
    await this.requireEndpoint(endpointId);
    const page = await this.webhooks.deliveryPage(endpointId, query);
    return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor };
  }

  /** Manual re-send: the delivery is due again now (whatever its state); its attempt history is kept. */
  async resend(endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    if (!(await this.webhooks.makeDueNow(endpointId, deliveryId))) throw notFound('WEBHOOK.DELIVERY_NOT_FOUND', 'Delivery');
    return toDeliveryView((await this.webhooks.findDelivery(deliveryId))!);
  }

  decryptSecret(endpoint: Pick<WebhookEndpoint, 'id' | 'secretEncrypted' | 'secretKeyId'>): string {
    return this.cipher.decrypt(endpoint.secretEncrypted, endpoint.secretKeyId, endpointAad(endpoint.id));
  }

  private async requireEndpoint(id: string): Promise<void> {
    if (!(await this.webhooks.endpointExists(id))) throw notFound('WEBHOOK.NOT_FOUND', 'Webhook endpoint');
  }
}
