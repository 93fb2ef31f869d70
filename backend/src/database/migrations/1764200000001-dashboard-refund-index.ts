import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The dashboard's weekly refunds read confirmed refunds by time. */
export class DashboardRefundIndex1764200000001 implements MigrationInterface {
  name = 'DashboardRefundIndex1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX refunds_succeeded_created_idx ON refunds (created_at) WHERE status = 'succeeded'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX refunds_succeeded_created_idx`);
  }
}
