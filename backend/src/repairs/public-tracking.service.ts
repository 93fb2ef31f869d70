import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatTicketNumber, type PublicTrackingView } from '@repairhub/contracts';
import { notFound } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/configuration.js';
import { toQuoteView } from '../quotes/quote.mapper.js';
import { loadTrackingRow } from './public-tracking.queries.js';
import { isTrackingToken } from './tracking-token.js';

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
    const row = await loadTrackingRow(this.db, token);
    if (!row) throw trackingNotFound();
    const quote = row.quote ? toQuoteView(row.quote) : null;
    return {
      ticketNumber: formatTicketNumber(row.ticketSeq),
      status: row.status,
      history: row.history.map((h) => ({ ...h, createdAt: new Date(h.createdAt).toISOString() })),
      ...(quote
        ? { quote: { partsCost: quote.partsCost, laborCost: quote.laborCost, total: quote.total, currency: quote.currency, status: quote.status, notes: quote.notes, expiresAt: quote.expiresAt } }
        : {}),
      shop: this.config.shop,
    };
  }
}
