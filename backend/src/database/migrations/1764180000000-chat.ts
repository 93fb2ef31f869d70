import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation chat: one conversation per repair request, its messages, and each reader's last-read
 * position. Who may take part is derived from the repair request (customer, assigned technician) and
 * the user's role (admins), so it can never drift from the assignment; `conversation_participants`
 * holds per-user read state.
 */
export class Chat1764180000000 implements MigrationInterface {
  name = 'Chat1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        repair_request_id uuid NOT NULL REFERENCES repair_requests (id) ON DELETE CASCADE,
        -- seq of the newest message (0 = none yet): orders lists by activity without scanning messages.
        last_message_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX conversations_repair_request_key ON conversations (repair_request_id)`);
    await q.query(`CREATE INDEX conversations_activity_idx ON conversations (last_message_seq DESC, id DESC)`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Strict order. Senders lock the conversation row before inserting, so within one conversation
        -- seq order is commit order and "everything after seq N" never skips a late commit.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        sender_id uuid REFERENCES users (id),
        type text NOT NULL CHECK (type IN ('text', 'system')),
        content text NOT NULL,
        client_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT messages_sender_by_type CHECK ((type = 'system') = (sender_id IS NULL))
      )`);
    await q.query(`CREATE INDEX messages_conversation_seq_idx ON messages (conversation_id, seq DESC)`);
    // A retry with the same clientId finds the original (NULLs never collide).
    await q.query(`CREATE UNIQUE INDEX messages_sender_client_key ON messages (sender_id, client_id)`);

    await q.query(`
      CREATE TABLE conversation_participants (
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        last_read_message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
        last_read_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, user_id)
      )`);
    await q.query(`CREATE INDEX conversation_participants_user_idx ON conversation_participants (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversation_participants`);
    await q.query(`DROP TABLE messages`);
    await q.query(`DROP TABLE conversations`);
  }
}
