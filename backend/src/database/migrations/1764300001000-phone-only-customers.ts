import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Walk-in customers who give only a phone number: `users.email` may be null. Every account keeps a way
 * to reach it (an email or a phone), and staff, who sign in by email, always have one. The unique
 * index already allows several nulls and the trigram index skips them, so both stay as they are.
 */
export class PhoneOnlyCustomers1764300001000 implements MigrationInterface {
  name = 'PhoneOnlyCustomers1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN email DROP NOT NULL`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_contact_check CHECK (email IS NOT NULL OR phone IS NOT NULL)`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_staff_email_check CHECK (role = 'customer' OR email IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_staff_email_check`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_contact_check`);
    // Phone-only customers have nowhere else to go: an address that can never receive mail keeps them.
    await q.query(`UPDATE users SET email = 'no-email+' || id || '@invalid' WHERE email IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN email SET NOT NULL`);
  }
}
