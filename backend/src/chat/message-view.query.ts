import { ATTACHMENT_COLUMNS } from '../attachments/attachment.mapper.js';

/**
 * A message as `MessageRow` selects it, with its attachments (read from the attachments feature's
 * table) aggregated in the same statement, so a page of messages is one query.
 */
export const MESSAGE_COLUMNS = (a: string) =>
  `${a}.id, ${a}.seq::text AS seq, ${a}.conversation_id, ${a}.sender_id, ${a}.type, ${a}.content, ${a}.event, ${a}.client_id, ${a}.created_at,
   COALESCE((SELECT jsonb_agg(to_jsonb(ma) ORDER BY ma.created_at, ma.id) FROM (
     SELECT ${ATTACHMENT_COLUMNS('att')} FROM attachments att WHERE att.message_id = ${a}.id
   ) ma), '[]'::jsonb) AS attachments`;
