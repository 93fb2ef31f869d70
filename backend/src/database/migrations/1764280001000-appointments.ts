import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drop-off appointments. A slot holds `SHOP_SLOT_CAPACITY` seats; the partial unique index on
 * (starts_at, seat) over standing bookings is what stops double booking, whatever the concurrency.
 * A cancelled booking keeps its row (and frees its seat); a repair has at most one standing booking.
 */
export class Appointments1764280001000 implements MigrationInterface {
  name = 'Appointments1764280001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appointments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        repair_request_id uuid NOT NULL REFERENCES repair_requests(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        seat smallint NOT NULL CHECK (seat >= 1),
        cancelled_at timestamptz,
        reminder_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX appointments_seat_key ON appointments (starts_at, seat) WHERE cancelled_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX appointments_repair_key ON appointments (repair_request_id) WHERE cancelled_at IS NULL`);
    await q.query(`CREATE INDEX appointments_reminder_due_idx ON appointments (starts_at) WHERE cancelled_at IS NULL AND reminder_sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appointments`);
  }
}
