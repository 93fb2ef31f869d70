import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql.js';
import type { QuoteRow } from '../quotes/quote.mapper.js';
import { quoteJson } from '../quotes/quote.queries.js';
import type { RepairRequest } from './repair-request.entity.js';
import type { RepairStatusHistory } from './repair-status-history.entity.js';

export type TrackingRow = Pick<RepairRequest, 'ticketSeq' | 'status'> & {
  /** Timestamps inside `json_build_object` arrive as text. */
  history: (Pick<RepairStatusHistory, 'fromStatus' | 'toStatus' | 'note'> & { createdAt: string })[];
  quote: QuoteRow | null;
};

/** Read model of the public status page: the repair, its history and its latest quote, in one round trip. */
export async function loadTrackingRow(db: DataSource, token: string): Promise<TrackingRow | null> {
  const [row] = await queryRows<TrackingRow>(
    db,
    `SELECT r.ticket_seq AS "ticketSeq", r.status,
        COALESCE((SELECT json_agg(json_build_object('fromStatus', h.from_status, 'toStatus', h.to_status, 'note', h.note, 'createdAt', h.created_at) ORDER BY h.seq)
                    FROM repair_status_history h WHERE h.repair_request_id = r.id), '[]'::json) AS history,
        (SELECT ${quoteJson('q')} FROM quotes q WHERE q.repair_request_id = r.id ORDER BY q.created_at DESC, q.id DESC LIMIT 1) AS quote
       FROM repair_requests r WHERE r.tracking_token = $1`,
    [token],
  );
  return row ?? null;
}
