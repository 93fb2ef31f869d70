import type { SqlParams } from '../common/sql.js';
import type { Viewer } from './repair-visibility.js';

/** The repair requests a technician (`me`) may see: assigned to them, or unassigned and `submitted`. */
const technicianRepairs = (alias: string, me: string) =>
  `(${alias}.assigned_technician_id = ${me} OR (${alias}.assigned_technician_id IS NULL AND ${alias}.status = 'submitted'))`;

/**
 * The SQL predicate for "repair requests `viewer` may see", applied in every query that reads
 * them (DESIGN: customer: own; technician: unassigned `submitted` + assigned to them; admin: all).
 */
export const repairVisibility = (viewer: Viewer, alias: string, p: SqlParams): string =>
  visibleTo(viewer, p, `${alias}.customer_id`, (me) => technicianRepairs(alias, me));

/** Devices: the owner; staff may read a device that belongs to a repair they can see (admins: any). */
export const deviceVisibility = (viewer: Viewer, alias: string, p: SqlParams): string =>
  visibleTo(viewer, p, `${alias}.owner_id`, (me) => `EXISTS (SELECT 1 FROM repair_requests vr WHERE vr.device_id = ${alias}.id AND ${technicianRepairs('vr', me)})`);

/** Admins: every row; a customer: the rows `ownerColumn` gives them; a technician: what `technician` allows them (`me`). */
function visibleTo(viewer: Viewer, p: SqlParams, ownerColumn: string, technician: (me: string) => string): string {
  switch (viewer.role) {
    case 'admin':
      return 'TRUE';
    case 'customer':
      return `${ownerColumn} = ${p.add(viewer.id)}`;
    case 'technician':
      return technician(p.add(viewer.id));
  }
}
