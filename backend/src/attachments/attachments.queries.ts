import type { DataSource } from 'typeorm';
import { queryRows, SqlParams } from '../common/sql.js';
import { repairVisibility, type Viewer } from '../repairs/repair-visibility.js';
import { ATTACHMENT_COLUMNS, type AttachmentRow } from './attachment.mapper.js';

/** The repair's assigned technician, or undefined when `viewer` may not see the repair. */
export async function visibleRepairTechnician(db: DataSource, viewer: Viewer, repairId: string): Promise<{ assignedTechnicianId: string | null } | undefined> {
  const p = new SqlParams();
  const [repair] = await queryRows<{ assignedTechnicianId: string | null }>(
    db,
    `SELECT r.assigned_technician_id AS "assignedTechnicianId" FROM repair_requests r WHERE r.id = ${p.add(repairId)} AND ${repairVisibility(viewer, 'r', p)}`,
    p.values,
  );
  return repair;
}

/**
 * The attachments of a repair `viewer` may see, oldest first, or null when they may not see it (one
 * query: a visible repair without attachments gives one row of nulls).
 */
export async function attachmentsOfVisibleRepair(db: DataSource, viewer: Viewer, repairId: string): Promise<AttachmentRow[] | null> {
  const p = new SqlParams();
  const rows = await queryRows<AttachmentRow>(
    db,
    `SELECT ${ATTACHMENT_COLUMNS('a')}
       FROM repair_requests r LEFT JOIN attachments a ON a.repair_request_id = r.id
      WHERE r.id = ${p.add(repairId)} AND ${repairVisibility(viewer, 'r', p)}
      ORDER BY a.created_at, a.id`,
    p.values,
  );
  return rows.length === 0 ? null : rows.filter((row) => row.id !== null);
}

/** The attachment with its storage key, if `viewer` may see its repair. */
export async function visibleAttachment(db: DataSource, viewer: Viewer, id: string): Promise<(AttachmentRow & { storage_key: string }) | undefined> {
  const p = new SqlParams();
  const [row] = await queryRows<AttachmentRow & { storage_key: string }>(
    db,
    `SELECT ${ATTACHMENT_COLUMNS('a')}, a.storage_key
       FROM attachments a JOIN repair_requests r ON r.id = a.repair_request_id
      WHERE a.id = ${p.add(id)} AND ${repairVisibility(viewer, 'r', p)}`,
    p.values,
  );
  return row;
}
