/**
 * Who may take part in a conversation, read from repairs' and users' tables: the request's customer,
 * its assigned technician, and active admins, judged on the *current* row of the caller (`users u`).
 * Technicians see a conversation only once the request is assigned to them; a reassigned technician
 * loses it at once. Chat's statements embed these fragments so that the check and the act (insert,
 * row lock) are one statement and one round trip.
 */
export const PARTICIPATES = `u.active AND (u.role = 'admin' OR r.customer_id = u.id OR r.assigned_technician_id = u.id)`;

/** Joins the repair request `r` of conversation `c`. */
export const REPAIR_OF_CONVERSATION = `JOIN repair_requests r ON r.id = c.repair_request_id`;

/** Joins the repair request `r` of conversation `c` and the caller `u` whose id is the parameter `me`. */
export const participantJoin = (me: string) => `${REPAIR_OF_CONVERSATION} JOIN users u ON u.id = ${me}`;

/** The id of repair request `repair` when the caller `me` may take part in its conversation (no row otherwise). */
export const participatingRepair = (repair: string, me: string) =>
  `SELECT r.id FROM repair_requests r JOIN users u ON u.id = ${me} WHERE r.id = ${repair} AND ${PARTICIPATES}`;

/** The id of repair request `repair` when it exists. */
export const existingRepair = (repair: string) => `SELECT id FROM repair_requests WHERE id = ${repair}`;
