import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production and scale-out: quote reminders sent once, the email outbox (every notification, sent or
 * kept when there is no SMTP), and the per-user switch for non-essential emails.
 */
export class ScaleOut1764210000000 implements MigrationInterface {
  name = 'ScaleOut1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quotes ADD COLUMN reminder_sent_at timestamptz`);
    // The expiry and reminder jobs look for pending quotes by time.
    await q.query(`CREATE INDEX quotes_pending_expiry_idx ON quotes (expires_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX payments_open_updated_idx ON payments (updated_at) WHERE status IN ('requires_payment', 'processing')`);
    await q.query(`ALTER TABLE users ADD COLUMN email_non_essential boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL,
        template text NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        essential boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('stored', 'sent', 'skipped')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT email_outbox_dedupe_key UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX email_outbox_created_idx ON email_outbox (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_outbox`);
    await q.query(`ALTER TABLE users DROP COLUMN email_non_essential`);
    await q.query(`DROP INDEX payments_open_updated_idx`);
    await q.query(`DROP INDEX quotes_pending_expiry_idx`);
    await q.query(`ALTER TABLE quotes DROP COLUMN reminder_sent_at`);
  }
}
