import type { WebhookEventType } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { WebhooksRepository } from './webhooks.repository.js';

/**
 * Writes a webhook event into the outbox INSIDE the caller's transaction (`manager`), with one pending
 * delivery per active endpoint subscribed to `type`: the event commits or rolls back with the change, and the
 * delivery worker finds it even if the process dies right after the commit. `render` builds the resource as the
 * API returns it, with the same manager (it sees the uncommitted change), and runs only when someone subscribed.
 */
export async function enqueueWebhook(manager: EntityManager, type: WebhookEventType, render: () => Promise<unknown>): Promise<void> {
  if (!(await WebhooksRepository.hasSubscribers(manager, type))) return;
  await WebhooksRepository.recordEvent(manager, type, await render());
}
