import type { MigrationInterface, QueryRunner } from 'typeorm';

/** System messages keep what happened as data, so each app can write it in its reader's locale and time zone. */
export class SystemMessageEvents1764265007129 implements MigrationInterface {
  name = 'SystemMessageEvents1764265007129';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN event jsonb`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_event_system_only CHECK (event IS NULL OR type = 'system')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN event`);
  }
}
