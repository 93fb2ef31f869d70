import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrators: API keys (only a SHA-256 of the secret is kept), webhook endpoints (signing secret encrypted
 * under SERIAL_ENCRYPTION_KEYS), and the webhook outbox: one event row plus one delivery row per subscribed
 * endpoint, written in the transaction of the change; a worker claims due deliveries with SKIP LOCKED.
 */
export class Integrations1764220000000 implements MigrationInterface {
  name = 'Integrations1764220000000';

  async up(q: QueryRunner): Promise<void> {
    // The ids below default to uuid_generate_v4(): the migration brings its extension rather than rely on
    // TypeORM creating it at connect time (which it only does when entities ask for it).
    await q.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        name text NOT NULL,
        prefix text NOT NULL,
        secret_hash bytea NOT NULL,
        scopes text[] NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_keys_prefix_key UNIQUE (prefix)
      )`);
    await q.query(`CREATE INDEX api_keys_created_idx ON api_keys (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        url text NOT NULL,
        event_types text[] NOT NULL,
        secret_encrypted bytea NOT NULL,
        secret_key_id text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_outbox (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        type text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES webhook_outbox(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz DEFAULT now(),
        response_status integer,
        latency_ms integer,
        error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        response_status integer,
        latency_ms integer NOT NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_outbox`);
    await q.query(`DROP TABLE webhook_endpoints`);
    await q.query(`DROP TABLE api_keys`);
  }
}
