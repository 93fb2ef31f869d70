import { Injectable } from '@nestjs/common';
import { canTransitionQuote, type Currency, type QuoteStatus } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import type { DomainError } from '../common/errors/domain-error.js';
import { queryRows } from '../common/sql.js';
import { Quote } from './quote.entity.js';
import type { QuoteRow } from './quote.mapper.js';
import { quoteColumns } from './quote.queries.js';

const OPEN: QuoteStatus[] = ['pending', 'payment_pending'];

export interface NewQuote {
  repairRequestId: string;
  technicianId: string;
  partsCost: number;
  laborCost: number;
  currency: Currency;
  notes: string | null;
  expiresAt: Date;
}

/** What the quote jobs changed, for their events. */
export type DueQuote = Pick<QuoteRow, 'id' | 'repair_request_id' | 'technician_id' | 'expires_at'>;

/** The quotes table's owner: other features change quotes through it (or `QuotesService`), in their transaction. */
@Injectable()
export class QuotesRepository {
  /**
   * Closes the repair's open quote, as the quote state machine allows the system to (`expired` when
   * past due, else `withdrawn`), and returns its id, or null when none was open. A quote the customer
   * is paying cannot be closed: `whilePaying` names the refusal. Locks the open quote first.
   */
  async closeOpenForRepair(m: EntityManager, repairId: string, whilePaying: () => DomainError): Promise<string | null> {
    const open = await m
      .createQueryBuilder(Quote, 'q')
      .select('q.id', 'id')
      .addSelect('q.status', 'status')
      .addSelect('q.expires_at <= now()', 'pastDue')
      .where('q.repair_request_id = :repairId', { repairId })
      .andWhere('q.status IN (:...open)', { open: OPEN })
      .setLock('pessimistic_write')
      .getRawOne<{ id: string; status: QuoteStatus; pastDue: boolean }>();
    if (!open) return null;
    if (open.status === 'payment_pending') throw whilePaying();
    const to: QuoteStatus = open.pastDue ? 'expired' : 'withdrawn';
    if (!canTransitionQuote(open.status, to, 'system')) throw new Error(`The quote state machine refuses ${open.status} → ${to}`);
    await m
      .createQueryBuilder()
      .update(Quote)
      .set({ status: to })
      .where('id = :id AND status = :from', { id: open.id, from: open.status })
      .execute();
    return open.id;
  }

  async add(m: EntityManager, quote: NewQuote): Promise<QuoteRow> {
    const [row] = await queryRows<QuoteRow>(
      m,
      `INSERT INTO quotes (repair_request_id, technician_id, parts_cost, labor_cost, currency, notes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${quoteColumns('quotes')}`,
      [quote.repairRequestId, quote.technicianId, quote.partsCost, quote.laborCost, quote.currency, quote.notes, quote.expiresAt],
    );
    return row;
  }

  async find(m: EntityManager, id: string): Promise<QuoteRow | undefined> {
    const [row] = await queryRows<QuoteRow>(m, `SELECT ${quoteColumns('q')} FROM quotes q WHERE q.id = $1`, [id]);
    return row;
  }

  /** Locks the quote for the rest of `m`'s transaction; its status, or undefined when there is none. */
  async lockStatus(m: EntityManager, id: string): Promise<QuoteStatus | undefined> {
    const row = await m
      .createQueryBuilder(Quote, 'q')
      .select('q.status', 'status')
      .where('q.id = :id', { id })
      .setLock('pessimistic_write')
      .getRawOne<{ status: QuoteStatus }>();
    return row?.status;
  }

  /** `from → to` if the quote is still `from` (the caller checked the state machine); false when it changed meanwhile. */
  async setStatus(m: EntityManager, id: string, from: QuoteStatus, to: QuoteStatus): Promise<boolean> {
    const result = await m.createQueryBuilder().update(Quote).set({ status: to }).where('id = :id AND status = :from', { id, from }).returning('id').execute();
    return (result.raw as unknown[]).length > 0;
  }

  async setRejectionReason(m: EntityManager, id: string, reason: string | null): Promise<QuoteRow> {
    const [row] = await queryRows<QuoteRow>(m, `UPDATE quotes SET rejection_reason = $2 WHERE id = $1 RETURNING ${quoteColumns('quotes')}`, [id, reason]);
    return row;
  }

  /** Marks pending quotes past their expiry `expired`. */
  expireDue(m: EntityManager): Promise<DueQuote[]> {
    return queryRows<DueQuote>(
      m,
      `UPDATE quotes SET status = 'expired', updated_at = now()
        WHERE status = 'pending' AND expires_at <= now()
        RETURNING id, repair_request_id, technician_id, expires_at`,
    );
  }

  /** Marks quotes pending for over `afterHours` (and not yet expired) reminded, once per quote. */
  markReminded(m: EntityManager, afterHours: number): Promise<DueQuote[]> {
    return queryRows<DueQuote>(
      m,
      `UPDATE quotes SET reminder_sent_at = now()
        WHERE status = 'pending' AND reminder_sent_at IS NULL
          AND created_at <= now() - make_interval(hours => $1) AND expires_at > now()
        RETURNING id, repair_request_id, technician_id, expires_at`,
      [afterHours],
    );
  }
}
