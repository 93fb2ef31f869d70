import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-use password reset links: only the SHA-256 of the 256-bit token is stored; `used_at` is set by
 * the conditional update that spends it (or when another link of the same user is used).
 */
export class PasswordReset1764240006183 implements MigrationInterface {
  name = 'PasswordReset1764240006183';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT password_reset_tokens_hash UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset_tokens`);
  }
}
