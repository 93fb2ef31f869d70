import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments (one row per quote attempt, one Stripe PaymentIntent each), refunds, and the Stripe
 * webhook events already handled (each provider event id once).
 */
export class Payments1764190000000 implements MigrationInterface {
  name = 'Payments1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        quote_id uuid NOT NULL REFERENCES quotes (id),
        repair_request_id uuid NOT NULL REFERENCES repair_requests (id),
        customer_id uuid NOT NULL REFERENCES users (id),
        attempt integer NOT NULL CHECK (attempt >= 1),
        -- ISO 4217 minor units of currency, copied from the quote when it was accepted.
        amount integer NOT NULL CHECK (amount > 0),
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        amount_refunded integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'requires_payment'
          CHECK (status IN ('requires_payment', 'processing', 'succeeded', 'refunded', 'failed', 'canceled')),
        provider text NOT NULL DEFAULT 'stripe',
        -- The PaymentIntent id.
        provider_ref text NOT NULL,
        idempotency_key text NOT NULL,
        test_mode boolean NOT NULL,
        failure_code text,
        failure_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_refunded_within_amount CHECK (amount_refunded BETWEEN 0 AND amount),
        CONSTRAINT payments_quote_attempt_key UNIQUE (quote_id, attempt),
        CONSTRAINT payments_provider_ref_key UNIQUE (provider, provider_ref),
        CONSTRAINT payments_idempotency_key_key UNIQUE (idempotency_key)
      )`);
    // At most one payment per quote that is open or took the money.
    await q.query(
      `CREATE UNIQUE INDEX payments_one_live_per_quote ON payments (quote_id)
         WHERE status IN ('requires_payment', 'processing', 'succeeded', 'refunded')`,
    );
    await q.query(`CREATE INDEX payments_customer_created_idx ON payments (customer_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX payments_created_idx ON payments (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX payments_status_created_idx ON payments (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX payments_repair_idx ON payments (repair_request_id)`);

    await q.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payments (id),
        seq integer NOT NULL CHECK (seq >= 1),
        amount integer NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
        provider_ref text NOT NULL,
        idempotency_key text NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refunds_payment_seq_key UNIQUE (payment_id, seq),
        CONSTRAINT refunds_provider_ref_key UNIQUE (provider_ref),
        CONSTRAINT refunds_idempotency_key_key UNIQUE (idempotency_key)
      )`);

    await q.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL DEFAULT 'stripe',
        provider_event_id text NOT NULL,
        type text NOT NULL,
        -- The id of the event's object (a PaymentIntent or Charge); no payload, so no personal data.
        object_id text,
        payment_id uuid REFERENCES payments (id),
        -- applied | ignored | mismatch | unknown_payment | unhandled
        outcome text NOT NULL DEFAULT 'received',
        detail text,
        livemode boolean NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_events_provider_event_key UNIQUE (provider, provider_event_id)
      )`);
    await q.query(`CREATE INDEX webhook_events_payment_idx ON webhook_events (payment_id) WHERE payment_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_events`);
    await q.query(`DROP TABLE refunds`);
    await q.query(`DROP TABLE payments`);
  }
}
