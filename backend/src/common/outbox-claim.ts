/**
 * The claim statement of an outbox table (rows with `status = 'pending'` and `next_attempt_at`), for its
 * owner's repository to run. `FOR UPDATE SKIP LOCKED` lets several instances claim at once without
 * waiting on or taking each other's rows, and the claim pushes `next_attempt_at` out by the lease ($2 ms)
 * before committing: the caller then works outside any transaction, no other instance claims the row
 * while the lease runs, and one whose worker died comes due again when it ends. $1: how many at most.
 */
export const claimDueSql = (table: 'email_outbox' | 'webhook_deliveries') =>
  `UPDATE ${table} SET next_attempt_at = now() + $2 * interval '1 millisecond'
    WHERE id IN (SELECT id FROM ${table} WHERE status = 'pending' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING id`;
