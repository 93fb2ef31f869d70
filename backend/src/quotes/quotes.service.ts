import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canTransitionQuote, MAX_AMOUNT_MINOR, quoteTotal, type Actor, type QuoteStatus, type QuoteView } from '@repairhub/contracts';
import { conflict, forbidden, invalid, notFound } from '../common/errors/domain-error.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { AppConfig } from '../config/configuration.js';
import { enqueueWebhook } from '../integrations/webhook-outbox.js';
import { isUniqueViolation } from '../common/sql.js';
import { RepairsService } from '../repairs/repairs.service.js';
import type { Viewer } from '../repairs/repair-visibility.js';
import type { CreateQuoteDto } from './dto/quote.dto.js';
import { toQuoteView, type QuoteRow } from './quote.mapper.js';
import { findVisibleQuote, lockCustomerQuote } from './quote.queries.js';
import { QuotesRepository } from './quotes.repository.js';
import { assertAcceptable, assertRejectable, resolveExpiry } from './quote.policy.js';

export const quoteNotFound = () => notFound('QUOTE.NOT_FOUND', 'Quote');

/** A quote locked for acceptance, with the repair's owner. */
export interface AcceptableQuote {
  quote: QuoteView;
  customerId: string;
  /** `payment_pending`: an acceptance is already under way. */
  status: 'pending' | 'payment_pending';
}

@Injectable()
export class QuotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repairs: RepairsService,
    private readonly quoteRows: QuotesRepository,
    private readonly events: DomainEvents,
    private readonly config: AppConfig,
  ) {}

  /**
   * A technician quotes a request assigned to them, or an unassigned submitted one (which assigns
   * it to them). The pending quote it replaces is withdrawn; a first quote moves the repair
   * `submitted → quoted` (actor `system`), all in one transaction.
   */
  async issue(technician: Viewer, input: CreateQuoteDto): Promise<QuoteView> {
    const expiresAt = resolveExpiry(input.expiresAt);
    const total = quoteTotal(input.partsCost, input.laborCost);
    if (total === 0) throw invalid('QUOTE.TOTAL_ZERO', 'A quote must total more than zero', 'partsCost');
    if (total > MAX_AMOUNT_MINOR) throw invalid('QUOTE.TOTAL_TOO_LARGE', 'A quote’s parts and labor together are too large', 'laborCost');
    const accepted = this.config.shop.currencies;
    if (!accepted.includes(input.currency)) {
      throw invalid('QUOTE.CURRENCY_NOT_ACCEPTED', `The shop takes ${accepted.map((c) => c.toUpperCase()).join(', ')} only`, 'currency');
    }
    try {
      return await this.db.transaction(async (m) => {
        const repair = await this.repairs.lockVisible(m, technician, input.repairRequestId);
        if (repair.status !== 'submitted' && repair.status !== 'quoted') {
          throw conflict('REPAIR.NOT_QUOTABLE', `A ${repair.status} repair cannot be quoted.`);
        }
        if (repair.assignedTechnicianId === null) await this.repairs.assignLocked(m, repair, technician.id, technician.id);

        const replacedQuoteId = await this.quoteRows.closeOpenForRepair(m, repair.id, () =>
          conflict('QUOTE.PAYMENT_IN_PROGRESS', 'The customer is paying the current quote; it cannot be replaced now.'),
        );
        const row = await this.quoteRows.add(m, {
          repairRequestId: repair.id,
          technicianId: technician.id,
          partsCost: input.partsCost,
          laborCost: input.laborCost,
          currency: input.currency,
          notes: input.notes || null,
          expiresAt,
        });
        if (repair.status === 'submitted') await this.repairs.applyTransition(m, repair, 'quoted', { id: null, role: 'system' }, 'Quote issued');
        await enqueueWebhook(m, 'quote.issued', async () => toQuoteView(row));
        this.events.publish(m, 'quote.issued', {
          quoteId: row.id,
          repairId: repair.id,
          customerId: repair.customerId,
          technicianId: technician.id,
          total: row.total,
          currency: row.currency,
          expiresAt: expiresAt.toISOString(),
          replacedQuoteId,
        });
        return toQuoteView(row);
      });
    } catch (error) {
      // Backstop for the one-open-quote index; the repair lock normally serialises issuers first.
      if (isUniqueViolation(error)) throw conflict('QUOTE.CONFLICT', 'Another quote was issued at the same time. Reload and try again.');
      throw error;
    }
  }

  /** Visible exactly when its repair request is. */
  async get(viewer: Viewer, id: string): Promise<QuoteView> {
    const row = await findVisibleQuote(this.db, viewer, id);
    if (!row) throw quoteNotFound();
    return toQuoteView(row);
  }

  /** The owning customer declines a pending quote; an expired one answers 409 `QUOTE.EXPIRED`. */
  async reject(customer: Viewer, id: string, reason: string | null = null): Promise<QuoteView> {
    return this.db.transaction(async (m) => {
      const row = await this.lockOwned(m, id, customer.id);
      assertRejectable({ status: row.status, expiresAt: row.expires_at });
      await this.transitionQuote(m, id, 'pending', 'rejected', 'customer');
      const updated = await this.quoteRows.setRejectionReason(m, id, reason);
      this.events.publish(m, 'quote.rejected', { quoteId: id, repairId: row.repair_request_id, customerId: customer.id, technicianId: row.technician_id, reason });
      return toQuoteView(updated);
    });
  }

  /**
   * For the payments module, inside its transaction: locks the customer's quote and checks it can be
   * accepted (404 for someone else's quote; 409 `QUOTE.EXPIRED`, `QUOTE.WITHDRAWN`,
   * `QUOTE.REJECTED`, `QUOTE.ALREADY_ACCEPTED`).
   */
  async lockForAcceptance(manager: EntityManager, quoteId: string, customerId: string, now: Date = new Date()): Promise<AcceptableQuote> {
    const row = await this.lockOwned(manager, quoteId, customerId);
    const status = assertAcceptable({ status: row.status, expiresAt: row.expires_at }, now);
    return { quote: toQuoteView(row, now), customerId, status };
  }

  /**
   * Moves a quote `from → to` if the contracts' quote table allows it for `actor`, guarded by the
   * expected current status (409 `QUOTE.STATUS_CONFLICT` when it changed meanwhile).
   */
  async transitionQuote(manager: EntityManager, quoteId: string, from: QuoteStatus, to: QuoteStatus, actor: Actor): Promise<void> {
    if (!canTransitionQuote(from, to, actor)) throw forbidden('QUOTE.TRANSITION_FORBIDDEN', `A ${from} quote cannot be moved to ${to} by ${actor}.`);
    if (!(await this.quoteRows.setStatus(manager, quoteId, from, to))) throw conflict('QUOTE.STATUS_CONFLICT', 'The quote changed meanwhile. Reload it and try again.');
  }

  /**
   * For the payment outcome workflow, inside its transaction: takes the quote's lock and settles its
   * `payment_pending` state. Paid → `accepted`; failed → `pending` again, so the customer can retry
   * (only while the quote still awaits that payment).
   */
  async settlePayment(manager: EntityManager, quoteId: string, outcome: 'paid' | 'failed'): Promise<void> {
    const status = await this.quoteRows.lockStatus(manager, quoteId);
    if (!status) throw quoteNotFound();
    if (outcome === 'failed' && status !== 'payment_pending') return;
    await this.transitionQuote(manager, quoteId, 'payment_pending', outcome === 'paid' ? 'accepted' : 'pending', 'system');
  }

  /** A quote as the API returns it, read inside `manager`'s transaction (webhook payloads). */
  async viewIn(manager: EntityManager, quoteId: string): Promise<QuoteView> {
    const row = await this.quoteRows.find(manager, quoteId);
    if (!row) throw quoteNotFound();
    return toQuoteView(row);
  }

  private async lockOwned(manager: EntityManager, quoteId: string, customerId: string): Promise<QuoteRow> {
    const row = await lockCustomerQuote(manager, quoteId, customerId);
    if (!row) throw quoteNotFound();
    return row;
  }
}
