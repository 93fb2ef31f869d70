import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counter check-in: customers' phone numbers (unique, for duplicate avoidance), accounts created by
 * staff without a password until the invitation is accepted, what was left with the device, and each
 * repair's public tracking token.
 */
export class CounterCheckIn1764260004211 implements MigrationInterface {
  name = 'CounterCheckIn1764260004211';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN phone text`);
    await q.query(`CREATE UNIQUE INDEX users_phone_key ON users (phone) WHERE phone IS NOT NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`
      ALTER TABLE repair_requests
        ADD COLUMN condition text,
        ADD COLUMN accessories text[] NOT NULL DEFAULT '{}',
        ADD COLUMN deposit_note text,
        ADD COLUMN tracking_token text`);
    await q.query(`CREATE UNIQUE INDEX repair_requests_tracking_token_key ON repair_requests (tracking_token) WHERE tracking_token IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE repair_requests DROP COLUMN tracking_token, DROP COLUMN deposit_note, DROP COLUMN accessories, DROP COLUMN condition`);
    await q.query(`UPDATE users SET password_hash = '' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
    await q.query(`ALTER TABLE users DROP COLUMN phone`);
  }
}
