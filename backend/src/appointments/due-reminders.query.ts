import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';

export interface DueReminder {
  appointmentId: string;
  repairId: string;
  customerId: string;
  startsAt: Date;
}

/**
 * Marks the standing, not yet reminded bookings starting in [start, end) of repairs still open, and
 * returns them with their customer. One conditional UPDATE, so overlapping runs claim each booking
 * once. A read model because it reads the repair's status and customer in the same statement.
 */
export async function claimDueReminders(m: EntityManager, start: Date, end: Date): Promise<DueReminder[]> {
  const rows = await queryRows<{ id: string; repair_request_id: string; customer_id: string; starts_at: Date }>(
    m,
    `UPDATE appointments a SET reminder_sent_at = now()
       FROM repair_requests r
      WHERE r.id = a.repair_request_id AND a.cancelled_at IS NULL AND a.reminder_sent_at IS NULL
        AND a.starts_at >= $1 AND a.starts_at < $2 AND r.status NOT IN ('completed', 'cancelled')
      RETURNING a.id, a.repair_request_id, r.customer_id, a.starts_at`,
    [start, end],
  );
  return rows.map((row) => ({ appointmentId: row.id, repairId: row.repair_request_id, customerId: row.customer_id, startsAt: new Date(row.starts_at) }));
}
