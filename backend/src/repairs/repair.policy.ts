import { nextRepairStatuses, REPAIR_TRANSITIONS, canTransition, type Actor, type RepairStatus, type Urgency } from '@repairhub/contracts';
import type { Viewer } from './repair-visibility.js';

export interface RepairParties {
  customerId: string;
  assignedTechnicianId: string | null;
}

/**
 * The role `viewer` acts in on this repair's status: the assigned technician as `technician`, any
 * admin as `admin`, the owner as `customer`. Anyone else (an unassigned technician) has none.
 */
export function actorFor(viewer: Viewer, repair: RepairParties): Actor | null {
  if (viewer.role === 'admin') return 'admin';
  if (viewer.role === 'technician') return repair.assignedTechnicianId === viewer.id ? 'technician' : null;
  return repair.customerId === viewer.id ? 'customer' : null;
}

/** What a UI should offer this viewer on this repair. */
export function availableStatuses(viewer: Viewer, repair: RepairParties & { status: RepairStatus }): RepairStatus[] {
  const actor = actorFor(viewer, repair);
  return actor ? nextRepairStatuses(repair.status, actor) : [];
}

/**
 * Why a move is refused: `forbidden` when the table has the move but not for this actor (such as
 * `quoted → approved`, which only a payment makes), `invalid` when no one may make it from here
 * (including a move a concurrent change has already made). `null` when allowed.
 */
export function transitionRefusal(from: RepairStatus, to: RepairStatus, actor: Actor): 'forbidden' | 'invalid' | null {
  if (canTransition(from, to, actor)) return null;
  return (REPAIR_TRANSITIONS[from][to]?.length ?? 0) > 0 ? 'forbidden' : 'invalid';
}

/** 0 = urgent … 3 = low: ascending is the technician queue's order (the database generates the same). */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };
