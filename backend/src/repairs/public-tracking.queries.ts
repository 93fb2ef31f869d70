import type { DataSource } from 'typeorm';
import type { RepairStatus } from '@repairhub/contracts';
import { queryRows } from '../common/sql.js';
import type { QuoteRow } from '../quotes/quote.mapper.js';
import { quoteJson } from '../quotes/quote.queries.js';

export interface TrackingRow {
  ticket_seq: string;
  status: RepairStatus;
  history: { from_status: RepairStatus | null; to_status: RepairStatus; note: string | null; created_at: string }[];
  quote: QuoteRow | null;
}

/** Read model of the public status page: the repair, its history and its latest quote, in one round trip. */
export async function loadTrackingRow(db: DataSource, token: string): Promise<TrackingRow | null> {
  const [row] = await queryRows<TrackingRow>(
    db,
    `SELECT r.ticket_seq, r.status,
        COALESCE((SELECT json_agg(json_build_object('from_status', h.from_status, 'to_status', h.to_status, 'note', h.note, 'created_at', h.created_at) ORDER BY h.seq)
                    FROM repair_status_history h WHERE h.repair_request_id = r.id), '[]'::json) AS history,
        (SELECT ${quoteJson('q')} FROM quotes q WHERE q.repair_request_id = r.id ORDER BY q.created_at DESC, q.id DESC LIMIT 1) AS quote
       FROM repair_requests r WHERE r.tracking_token = $1`,
    [token],
  );
  return row ?? null;
}
