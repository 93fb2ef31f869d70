import type { WebhookEventType } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Writes a webhook event into the outbox INSIDE the caller's transaction (`manager`), with one pending
 * delivery per active endpoint subscribed to `type`: the event commits or rolls back with the change, and the
 * delivery worker finds it even if the process dies right after the commit. `render` builds the resource as the
 * API returns it, with the same manager (it sees the uncommitted change), and runs only when someone subscribed.
 */
export async function enqueueWebhook(manager: EntityManager, type: WebhookEventType, render: () => Promise<unknown>): Promise<void> {
  const subscribed = await manager.query(`SELECT 1 FROM webhook_endpoints WHERE active AND $1 = ANY(event_types) LIMIT 1`, [type]);
  if (!subscribed.length) return;
  const data = await render();
  await manager.query(
    `WITH event AS (INSERT INTO webhook_outbox (type, data) VALUES ($1, $2::jsonb) RETURNING id)
     INSERT INTO webhook_deliveries (endpoint_id, event_id)
     SELECT w.id, event.id FROM webhook_endpoints w, event WHERE w.active AND $1 = ANY(w.event_types)`,
    [type, JSON.stringify(data)],
  );
}
