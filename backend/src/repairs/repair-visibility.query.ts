import type { SqlParams } from '../common/sql.js';
import type { Viewer } from './repair-visibility.js';

/**
 * The SQL predicate for "repair requests `viewer` may see", applied in every query that reads
 * them (DESIGN: customer: own; technician: unassigned `submitted` + assigned to them; admin: all).
 */
export function repairVisibility(viewer: Viewer, alias: string, p: SqlParams): string {
  switch (viewer.role) {
    case 'admin':
      return 'TRUE';
    case 'customer':
      return `${alias}.customer_id = ${p.add(viewer.id)}`;
    case 'technician': {
      const me = p.add(viewer.id);
      return `(${alias}.assigned_technician_id = ${me} OR (${alias}.assigned_technician_id IS NULL AND ${alias}.status = 'submitted'))`;
    }
  }
}

/**
 * Devices: the owner; staff may read a device that belongs to a repair they can see (admins: any).
 */
export function deviceVisibility(viewer: Viewer, alias: string, p: SqlParams): string {
  switch (viewer.role) {
    case 'admin':
      return 'TRUE';
    case 'customer':
      return `${alias}.owner_id = ${p.add(viewer.id)}`;
    case 'technician':
      return `EXISTS (SELECT 1 FROM repair_requests vr WHERE vr.device_id = ${alias}.id AND ${repairVisibility(viewer, 'vr', p)})`;
  }
}
