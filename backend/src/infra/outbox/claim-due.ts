import type { DataSource } from 'typeorm';
import { queryRows } from '../../common/sql.js';

/** The outbox tables: each has `status` ('pending' while due for a try) and `next_attempt_at`. */
export type OutboxTable = 'webhook_deliveries' | 'email_outbox';

/**
 * Claims up to `limit` due rows of `table` and returns their ids. `FOR UPDATE SKIP LOCKED` lets several
 * instances claim at once without waiting on or taking each other's rows, and the claim pushes
 * `next_attempt_at` out by `leaseMs` before committing: the caller then works outside any transaction,
 * no other instance claims the row while the lease runs, and a row whose worker died comes due again
 * when it ends. The lease must outlast one delivery attempt.
 */
export function claimDue(db: DataSource, table: OutboxTable, limit: number, leaseMs: number): Promise<string[]> {
  return db.transaction(async (m) => {
    const rows = await queryRows<{ id: string }>(
      m,
      `UPDATE ${table} SET next_attempt_at = now() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM ${table} WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, leaseMs],
    );
    return rows.map((r) => r.id);
  });
}
