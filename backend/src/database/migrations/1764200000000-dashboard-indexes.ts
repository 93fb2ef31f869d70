import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the admin dashboard's aggregates: the status-duration window finds the repairs with
 * history inside it by time, and the stale-quote count scans only open quotes by age.
 */
export class DashboardIndexes1764200000000 implements MigrationInterface {
  name = 'DashboardIndexes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX repair_status_history_created_idx ON repair_status_history (created_at, repair_request_id)`);
    await q.query(`CREATE INDEX quotes_open_created_idx ON quotes (created_at, id) WHERE status IN ('pending', 'payment_pending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX quotes_open_created_idx`);
    await q.query(`DROP INDEX repair_status_history_created_idx`);
  }
}
