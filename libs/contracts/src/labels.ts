import type { RepairStatus } from './enums.js';

/** The words both apps show for a repair's status; the server's chat notes use the same ones. */
export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = {
  submitted: 'Submitted',
  quoted: 'Quote ready',
  approved: 'Approved',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
