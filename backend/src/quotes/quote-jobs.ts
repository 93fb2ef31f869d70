import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events.js';
import { Jobs } from '../infra/jobs/jobs.service.js';
import { customersOfRepairs } from './quote.queries.js';
import { QuotesRepository } from './quotes.repository.js';

export const QUOTE_REMINDER_AFTER_HOURS = 48;

/**
 * Quote expiry is computed on read everywhere (an expired quote can never be accepted); this job
 * also persists it and tells the customer. Both jobs are conditional updates, so overlapping runs
 * (two instances, a retry) act on each quote once.
 */
@Injectable()
export class QuoteJobs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly quotes: QuotesRepository,
    private readonly jobs: Jobs,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'quotes.expire', attempts: 3, handle: async () => void (await this.expireDue()) });
    this.jobs.register({ name: 'quotes.remind', attempts: 3, handle: async () => void (await this.remindWaiting()) });
    this.jobs.every('quotes.expire', 60_000);
    this.jobs.every('quotes.remind', 15 * 60_000);
  }

  /** Marks pending quotes past their expiry `expired`; returns how many. */
  async expireDue(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows = await this.quotes.expireDue(m);
      const customers = await customersOfRepairs(m, rows.map((row) => row.repair_request_id));
      for (const row of rows) {
        const customerId = customers.get(row.repair_request_id)!;
        this.events.publish(m, 'quote.expired', { quoteId: row.id, repairId: row.repair_request_id, customerId, technicianId: row.technician_id });
      }
      return rows.length;
    });
  }

  /** Reminds customers of quotes pending for over 48 h (and not yet expired), once per quote. */
  async remindWaiting(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows = await this.quotes.markReminded(m, QUOTE_REMINDER_AFTER_HOURS);
      const customers = await customersOfRepairs(m, rows.map((row) => row.repair_request_id));
      for (const row of rows) {
        this.events.publish(m, 'quote.reminder_due', {
          quoteId: row.id,
          repairId: row.repair_request_id,
          customerId: customers.get(row.repair_request_id)!,
          expiresAt: new Date(row.expires_at).toISOString(),
        });
      }
      return rows.length;
    });
  }
}
