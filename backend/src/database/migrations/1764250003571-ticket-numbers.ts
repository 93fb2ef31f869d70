import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket numbers (`R-` + `ticket_seq`) from a sequence starting at 1001, existing repairs numbered in
 * creation order; and trigram indexes for the staff search over customer name/email and device
 * brand/model (`LIKE '%words%'` on the lower-cased text uses them; pg_trgm is trusted, so the
 * database owner may create it, and PGlite loads it from its contrib build).
 */
export class TicketNumbers1764250003571 implements MigrationInterface {
  name = 'TicketNumbers1764250003571';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE repair_ticket_seq START 1001`);
    await q.query(`ALTER TABLE repair_requests ADD COLUMN ticket_seq bigint`);
    await q.query(`
      UPDATE repair_requests r SET ticket_seq = 1000 + t.n
        FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM repair_requests) t
       WHERE r.id = t.id`);
    await q.query(`SELECT setval('repair_ticket_seq', COALESCE((SELECT max(ticket_seq) FROM repair_requests), 1000))`);
    await q.query(`ALTER TABLE repair_requests ALTER COLUMN ticket_seq SET DEFAULT nextval('repair_ticket_seq'), ALTER COLUMN ticket_seq SET NOT NULL`);
    await q.query(`ALTER SEQUENCE repair_ticket_seq OWNED BY repair_requests.ticket_seq`);
    await q.query(`CREATE UNIQUE INDEX repair_requests_ticket_key ON repair_requests (ticket_seq)`);

    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX users_name_trgm_idx ON users USING gin (lower(name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops)`);
    await q.query(`CREATE INDEX devices_label_trgm_idx ON devices USING gin (lower(brand || ' ' || model) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX devices_label_trgm_idx`);
    await q.query(`DROP INDEX users_email_trgm_idx`);
    await q.query(`DROP INDEX users_name_trgm_idx`);
    await q.query(`ALTER TABLE repair_requests DROP COLUMN ticket_seq`);
  }
}
