import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachments of repair requests (bytes in the attachment storage), optionally carried by one chat message. */
export class Attachments1764260005531 implements MigrationInterface {
  name = 'Attachments1764260005531';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        repair_request_id uuid NOT NULL REFERENCES repair_requests(id) ON DELETE CASCADE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        storage_key text NOT NULL UNIQUE,
        thumbnail_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachments_repair_idx ON attachments (repair_request_id, created_at)`);
    await q.query(`CREATE INDEX attachments_message_idx ON attachments (message_id) WHERE message_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
  }
}
