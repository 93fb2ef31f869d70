import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Devices (serials encrypted), repair requests with their status history, quotes, and the log of
 * staff serial reveals. Index choices follow the list queries in `repairs/repair.queries.ts`.
 */
export class RepairDomain1764170000000 implements MigrationInterface {
  name = 'RepairDomain1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users (id),
        type text NOT NULL CHECK (type IN ('phone', 'tablet', 'laptop', 'desktop', 'console', 'wearable', 'other')),
        brand text NOT NULL,
        model text NOT NULL,
        -- AES-256-GCM envelope: iv (12 bytes) || ciphertext || auth tag (16 bytes), under key serial_key_id.
        serial_encrypted bytea,
        serial_key_id text,
        -- HMAC-SHA256 of the normalised serial under a key derived from serial_key_id's key: exact search.
        serial_hmac bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT devices_serial_complete CHECK (
          (serial_encrypted IS NULL AND serial_key_id IS NULL AND serial_hmac IS NULL)
          OR (serial_encrypted IS NOT NULL AND serial_key_id IS NOT NULL AND serial_hmac IS NOT NULL)
        )
      )`);
    await q.query(`CREATE INDEX devices_owner_created_idx ON devices (owner_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX devices_created_idx ON devices (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX devices_serial_hmac_idx ON devices (serial_hmac) WHERE serial_hmac IS NOT NULL`);
    await q.query(`CREATE INDEX devices_serial_key_idx ON devices (serial_key_id) WHERE serial_key_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE repair_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES users (id),
        device_id uuid NOT NULL REFERENCES devices (id),
        issue_description text NOT NULL,
        urgency text NOT NULL CHECK (urgency IN ('low', 'normal', 'high', 'urgent')),
        -- 0 = most urgent, so the technician queue is one ascending index order: (urgency_rank, created_at, id).
        urgency_rank smallint NOT NULL GENERATED ALWAYS AS (
          CASE urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END
        ) STORED,
        status text NOT NULL DEFAULT 'submitted'
          CHECK (status IN ('submitted', 'quoted', 'approved', 'in_progress', 'completed', 'cancelled')),
        assigned_technician_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Customer list (newest first).
    await q.query(`CREATE INDEX repair_requests_customer_idx ON repair_requests (customer_id, created_at DESC, id DESC)`);
    // Admin list (newest first), with and without a status filter.
    await q.query(`CREATE INDEX repair_requests_created_idx ON repair_requests (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX repair_requests_status_created_idx ON repair_requests (status, created_at DESC, id DESC)`);
    // Technician queue, part 1: requests assigned to them (also serves assignedTo filters).
    await q.query(
      `CREATE INDEX repair_requests_assignee_queue_idx ON repair_requests (assigned_technician_id, urgency_rank, created_at, id)
         WHERE assigned_technician_id IS NOT NULL`,
    );
    // Technician queue, part 2: unassigned submitted requests any technician may pick up.
    await q.query(
      `CREATE INDEX repair_requests_open_queue_idx ON repair_requests (urgency_rank, created_at, id)
         WHERE assigned_technician_id IS NULL AND status = 'submitted'`,
    );
    await q.query(`CREATE INDEX repair_requests_device_idx ON repair_requests (device_id)`);

    await q.query(`
      CREATE TABLE repair_status_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        repair_request_id uuid NOT NULL REFERENCES repair_requests (id) ON DELETE CASCADE,
        from_status text CHECK (from_status IN ('submitted', 'quoted', 'approved', 'in_progress', 'completed', 'cancelled')),
        to_status text NOT NULL CHECK (to_status IN ('submitted', 'quoted', 'approved', 'in_progress', 'completed', 'cancelled')),
        actor_id uuid REFERENCES users (id),
        actor_role text NOT NULL CHECK (actor_role IN ('customer', 'technician', 'admin', 'system')),
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX repair_status_history_repair_idx ON repair_status_history (repair_request_id, seq)`);

    await q.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        repair_request_id uuid NOT NULL REFERENCES repair_requests (id),
        technician_id uuid NOT NULL REFERENCES users (id),
        parts_cost integer NOT NULL CHECK (parts_cost BETWEEN 0 AND 1000000000),
        labor_cost integer NOT NULL CHECK (labor_cost BETWEEN 0 AND 1000000000),
        total integer NOT NULL GENERATED ALWAYS AS (parts_cost + labor_cost) STORED,
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        notes text,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'payment_pending', 'accepted', 'rejected', 'expired', 'withdrawn')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX quotes_repair_idx ON quotes (repair_request_id, created_at DESC, id DESC)`);
    // One open quote per request: issuing a new one withdraws the pending one first.
    await q.query(
      `CREATE UNIQUE INDEX quotes_one_open_per_repair ON quotes (repair_request_id) WHERE status IN ('pending', 'payment_pending')`,
    );

    await q.query(`
      CREATE TABLE serial_access_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- No foreign key on purpose: the audit trail outlives a deleted device.
        device_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX serial_access_log_device_idx ON serial_access_log (device_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE serial_access_log`);
    await q.query(`DROP TABLE quotes`);
    await q.query(`DROP TABLE repair_status_history`);
    await q.query(`DROP TABLE repair_requests`);
    await q.query(`DROP TABLE devices`);
  }
}
