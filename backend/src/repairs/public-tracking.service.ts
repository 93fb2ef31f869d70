import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatTicketNumber, type PublicTrackingView, type RepairStatus } from '@repairhub/contracts';
import { notFound } from '../common/errors/domain-error.js';
import { queryRows } from '../common/sql.js';
import { AppConfig } from '../config/configuration.js';
import { QUOTE_JSON, toQuoteView, type QuoteRow } from '../quotes/quote.mapper.js';
import { isTrackingToken } from './tracking-token.js';

interface TrackingRow {
  ticket_seq: string;
  status: RepairStatus;
  history: { from_status: RepairStatus | null; to_status: RepairStatus; note: string | null; created_at: string }[];
  quote: QuoteRow | null;
}

const trackingNotFound = () => notFound('TRACKING.NOT_FOUND', 'Tracking link');

/** The public status page: what anyone holding a repair's tracking link may read, and nothing else. */
@Injectable()
export class PublicTrackingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Unknown, malformed and replaced tokens all read as not found. */
  async view(token: string): Promise<PublicTrackingView> {
    if (!isTrackingToken(token)) throw trackingNotFound();
    const [row] = await queryRows<TrackingRow>(
      this.db,
      `SELECT r.ticket_seq, r.status,
          COALESCE((SELECT json_agg(json_build_object('from_status', h.from_status, 'to_status', h.to_status, 'note', h.note, 'created_at', h.created_at) ORDER BY h.seq)
                      FROM repair_status_history h WHERE h.repair_request_id = r.id), '[]'::json) AS history,
          (SELECT ${QUOTE_JSON('q')} FROM quotes q WHERE q.repair_request_id = r.id ORDER BY q.created_at DESC, q.id DESC LIMIT 1) AS quote
         FROM repair_requests r WHERE r.tracking_token = $1`,
      [token],
    );
    if (!row) throw trackingNotFound();
    const quote = row.quote ? toQuoteView(row.quote) : null;
    return {
      ticketNumber: formatTicketNumber(row.ticket_seq),
      status: row.status,
      history: row.history.map((h) => ({ fromStatus: h.from_status, toStatus: h.to_status, note: h.note, createdAt: new Date(h.created_at).toISOString() })),
      ...(quote
        ? { quote: { partsCost: quote.partsCost, laborCost: quote.laborCost, total: quote.total, currency: quote.currency, status: quote.status, notes: quote.notes, expiresAt: quote.expiresAt } }
        : {}),
      shop: this.config.shop,
    };
  }
}
