import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The storage sweep asks, per page of stored objects, whether each is an attachment's original or thumbnail; both lookups use an index. */
export class AttachmentThumbnailKeyIndex1764300002000 implements MigrationInterface {
  name = 'AttachmentThumbnailKeyIndex1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX attachments_thumbnail_key_idx ON attachments (thumbnail_key) WHERE thumbnail_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX attachments_thumbnail_key_idx`);
  }
}
