import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuoteRejectionReason1764170000001 implements MigrationInterface {
  name = 'QuoteRejectionReason1764170000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quotes ADD COLUMN rejection_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quotes DROP COLUMN rejection_reason`);
  }
}
