import { Injectable } from '@nestjs/common';
import { canTransitionQuote, type QuoteStatus } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import type { DomainError } from '../common/errors/domain-error.js';
import { Quote } from './quote.entity.js';

const OPEN: QuoteStatus[] = ['pending', 'payment_pending'];

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
}
