import { MESSAGE_COLUMNS } from './message-view.query.js';
import { participantJoin, PARTICIPATES } from './participation.query.js';

/**
 * One statement that checks that the sender (`$2`) takes part in conversation `$1` (current assignment),
 * locks the conversation, inserts the text message (`$3`, client id `$4`; a repeated client id inserts
 * nothing) and moves the conversation's activity marker. Returns the message with its repair's people.
 * The chat benchmark runs this very text against PostgreSQL alone.
 */
export const INSERT_TEXT_MESSAGE_SQL = `WITH allowed AS (
     SELECT c.id, c.repair_request_id, r.customer_id, r.assigned_technician_id
       FROM conversations c ${participantJoin('$2')}
      WHERE c.id = $1 AND ${PARTICIPATES}
      FOR UPDATE OF c
   ), ins AS (
     INSERT INTO messages (conversation_id, sender_id, type, content, client_id)
     SELECT a.id, $2, 'text', $3, $4 FROM allowed a
     ON CONFLICT (sender_id, client_id) DO NOTHING
     RETURNING *
   ), bump AS (
     UPDATE conversations SET last_message_seq = ins.seq FROM ins WHERE conversations.id = ins.conversation_id
   )
   SELECT ${MESSAGE_COLUMNS('ins')}, a.repair_request_id AS "repairRequestId", a.customer_id AS "customerId", a.assigned_technician_id AS "technicianId"
     FROM ins CROSS JOIN allowed a`;
