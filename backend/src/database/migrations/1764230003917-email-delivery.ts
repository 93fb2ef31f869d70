import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are written in the transaction of the change that causes them and sent by a worker that
 * claims due rows (SKIP LOCKED), like webhook deliveries: `pending` rows carry their next try and
 * retry count; `failed` is given up after the retry window. `sent_at` is now only the time of sending
 * (it was also a send claim on `stored` rows).
 */
export class EmailDelivery1764230003917 implements MigrationInterface {
  name = 'EmailDelivery1764230003917';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check`);
    await q.query(`ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'stored', 'skipped'))`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN next_attempt_at timestamptz, ADD COLUMN last_error text`);
    await q.query(`UPDATE email_outbox SET sent_at = NULL WHERE status <> 'sent'`);
    await q.query(`CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_outbox_due_idx`);
    await q.query(`UPDATE email_outbox SET status = 'stored' WHERE status IN ('pending', 'failed')`);
    await q.query(`ALTER TABLE email_outbox DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN last_error`);
    await q.query(`ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check`);
    await q.query(`ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check CHECK (status IN ('stored', 'sent', 'skipped'))`);
  }
}
