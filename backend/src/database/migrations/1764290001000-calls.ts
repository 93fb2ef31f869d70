import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Video calls of a repair's conversation: who rang whom and how it went, so every realtime instance
 * agrees on a call's state. At most one live (ringing or active) call per conversation.
 */
export class Calls1764290001000 implements MigrationInterface {
  name = 'Calls1764290001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        caller_id uuid NOT NULL REFERENCES users (id),
        callee_id uuid NOT NULL REFERENCES users (id),
        status text NOT NULL DEFAULT 'ringing' CHECK (status IN ('ringing', 'active', 'ended', 'declined', 'missed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        ended_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX calls_one_live_per_conversation ON calls (conversation_id) WHERE status IN ('ringing', 'active')`);
    await q.query(`CREATE INDEX calls_conversation_created ON calls (conversation_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calls`);
  }
}
