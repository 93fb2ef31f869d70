/**
 * A call as `CallRecord` reads it: with its conversation's repair request and the caller's name and
 * callee's role (from the chat and users features' tables), in one statement. Append WHERE (and a
 * `FOR UPDATE OF k` to lock the call alone).
 */
export const CALL_SELECT = `
  SELECT k.id, k.conversation_id AS "conversationId", c.repair_request_id AS "repairRequestId", k.caller_id AS "callerId",
         caller.name AS "callerName", k.callee_id AS "calleeId", callee.role AS "calleeRole",
         k.status, k.created_at AS "createdAt", k.answered_at AS "answeredAt", k.ended_at AS "endedAt"
    FROM calls k JOIN conversations c ON c.id = k.conversation_id
    JOIN users caller ON caller.id = k.caller_id JOIN users callee ON callee.id = k.callee_id`;
