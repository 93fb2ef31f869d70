import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';

const HOUR_MS = 3_600_000;
/** Longest gap between two steps of one repair. */
const MAX_STEP_MS = 20 * HOUR_MS;

/**
 * The services stamp `now()`; the demo wants weeks of history. Every distinct timestamp a repair's
 * rows carry (one per transaction, since `now()` is the transaction's start) becomes one moment on
 * a new time line that starts `daysAgo` before `now`, keeping the order of the steps: rows written
 * together stay together. Emails are matched by those same timestamps.
 */
export async function backdateRepair(m: EntityManager, repairId: string, start: Date, now: Date): Promise<void> {
  const [{ stamps }] = await queryRows<{ stamps: string[] }>(
    m,
    `SELECT COALESCE(array_agg(s::text ORDER BY s), '{}') AS stamps FROM (
       SELECT created_at AS s FROM repair_status_history WHERE repair_request_id = $1
       UNION SELECT created_at FROM quotes WHERE repair_request_id = $1
       UNION SELECT updated_at FROM quotes WHERE repair_request_id = $1
       UNION SELECT created_at FROM payments WHERE repair_request_id = $1
       UNION SELECT updated_at FROM payments WHERE repair_request_id = $1
       UNION SELECT f.created_at FROM refunds f JOIN payments p ON p.id = f.payment_id WHERE p.repair_request_id = $1
       UNION SELECT f.updated_at FROM refunds f JOIN payments p ON p.id = f.payment_id WHERE p.repair_request_id = $1
       UNION SELECT msg.created_at FROM messages msg JOIN conversations c ON c.id = msg.conversation_id WHERE c.repair_request_id = $1
     ) t`,
    [repairId],
  );
  // As text they keep the database's microseconds, so equality with the stored values is exact.
  const old = stamps;
  const step = Math.min(MAX_STEP_MS, (now.getTime() - start.getTime()) / (old.length + 1));
  const moved = old.map((_, i) => new Date(start.getTime() + i * step).toISOString());
  const map = `unnest($2::timestamptz[], $3::timestamptz[]) AS m(old, new)`;
  const args = [repairId, old, moved];
  await m.query(`UPDATE repair_status_history h SET created_at = m.new FROM ${map} WHERE h.repair_request_id = $1 AND h.created_at = m.old`, args);
  await m.query(`UPDATE quotes q SET updated_at = m.new FROM ${map} WHERE q.repair_request_id = $1 AND q.updated_at = m.old`, args);
  await m.query(
    `UPDATE quotes q SET created_at = m.new, expires_at = CASE WHEN q.status = 'expired' THEN q.updated_at ELSE q.expires_at + (m.new - m.old) END
       FROM ${map} WHERE q.repair_request_id = $1 AND q.created_at = m.old`,
    args,
  );
  await m.query(`UPDATE payments p SET updated_at = m.new FROM ${map} WHERE p.repair_request_id = $1 AND p.updated_at = m.old`, args);
  await m.query(`UPDATE payments p SET created_at = m.new FROM ${map} WHERE p.repair_request_id = $1 AND p.created_at = m.old`, args);
  for (const column of ['created_at', 'updated_at']) {
    await m.query(
      `UPDATE refunds f SET ${column} = m.new FROM ${map}, payments p WHERE p.id = f.payment_id AND p.repair_request_id = $1 AND f.${column} = m.old`,
      args,
    );
  }
  await m.query(
    `UPDATE messages msg SET created_at = m.new FROM ${map}, conversations c WHERE c.id = msg.conversation_id AND c.repair_request_id = $1 AND msg.created_at = m.old`,
    args,
  );
  await m.query(`UPDATE email_outbox e SET created_at = m.new FROM unnest($1::timestamptz[], $2::timestamptz[]) AS m(old, new) WHERE e.created_at = m.old`, [old, moved]);
  await m.query(
    `UPDATE conversations c SET created_at = COALESCE((SELECT min(msg.created_at) FROM messages msg WHERE msg.conversation_id = c.id), $2) WHERE c.repair_request_id = $1`,
    [repairId, start.toISOString()],
  );
  await m.query(
    `UPDATE repair_requests r SET created_at = $2,
        updated_at = COALESCE((SELECT max(h.created_at) FROM repair_status_history h WHERE h.repair_request_id = r.id), $2)
      WHERE r.id = $1`,
    [repairId, start.toISOString()],
  );
  await m.query(`UPDATE devices d SET created_at = $2::timestamptz - interval '10 minutes', updated_at = $2::timestamptz - interval '10 minutes'
      FROM repair_requests r WHERE r.id = $1 AND d.id = r.device_id`, [repairId, start.toISOString()]);
}

/** The repair's pending quote reaches its deadline now, for the quote job to expire it. */
export async function expireOpenQuoteNow(db: DataSource, repairId: string): Promise<void> {
  await queryRows(db, `UPDATE quotes SET expires_at = now() WHERE repair_request_id = $1 AND status = 'pending'`, [repairId]);
}
