import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff find customers by a fragment of their phone number (the counter's lookup, the Users list, the
 * repair search): a trigram index on the number's digits, the very expression `phoneContains` matches, so
 * those searches read an index instead of every user.
 */
export class PhoneSearchIndex1764300003000 implements MigrationInterface {
  name = 'PhoneSearchIndex1764300003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX users_phone_digits_trgm_idx ON users USING gin (regexp_replace(coalesce(phone, ''), '\\D', '', 'g') gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_phone_digits_trgm_idx`);
  }
}
