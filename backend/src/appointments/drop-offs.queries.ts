import type { DataSource } from 'typeorm';
import type { RepairStatus } from '@repairhub/contracts';
import { queryRows, SqlParams } from '../common/sql.js';
import { repairVisibility, type Viewer } from '../repairs/repair-visibility.js';

/** A standing booking with what the counter's list shows of its repair, customer and device. */
export interface DropOffListItem {
  repairId: string;
  ticketSeq: string;
  startsAt: Date;
  endsAt: Date;
  customerName: string;
  brand: string;
  model: string;
  status: RepairStatus;
}

/** Standing bookings starting in [start, end) of repairs `viewer` may see, earliest first. */
export function dropOffsBetween(db: DataSource, viewer: Viewer, start: Date, end: Date): Promise<DropOffListItem[]> {
  const p = new SqlParams();
  return queryRows<DropOffListItem>(
    db,
    `SELECT r.id AS "repairId", r.ticket_seq AS "ticketSeq", a.starts_at AS "startsAt", a.ends_at AS "endsAt",
            u.name AS "customerName", d.brand, d.model, r.status
       FROM appointments a JOIN repair_requests r ON r.id = a.repair_request_id
       JOIN users u ON u.id = r.customer_id JOIN devices d ON d.id = r.device_id
      WHERE a.cancelled_at IS NULL AND a.starts_at >= ${p.add(start)} AND a.starts_at < ${p.add(end)} AND ${repairVisibility(viewer, 'r', p)}
      ORDER BY a.starts_at, r.ticket_seq`,
    p.values,
  );
}
