import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events.js';
import { queryRows } from '../common/sql.js';
import { Jobs } from '../infra/jobs/jobs.service.js';

export const QUOTE_REMINDER_AFTER_HOURS = 48;

interface DueRow {
  id: string;
  repair_request_id: string;
  technician_id: string;
  customer_id: string;
  expires_at: Date | string;
}

/**
 * Quote expiry is computed on read everywhere (an expired quote can never be accepted); this job
 * also persists it and tells the customer. Both jobs are conditional updates, so overlapping runs
 * (two instances, a retry) act on each quote once.
 */
@Injectable()
export class QuoteJobs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
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
      const rows = await queryRows<DueRow>(
        m,
        `UPDATE quotes q SET status = 'expired', updated_at = now()
           FROM repair_requests r
          WHERE r.id = q.repair_request_id AND q.status = 'pending' AND q.expires_at <= now()
          RETURNING q.id, q.repair_request_id, q.technician_id, r.customer_id, q.expires_at`,
      );
      for (const row of rows) {
        this.events.publish(m, 'quote.expired', { quoteId: row.id, repairId: row.repair_request_id, customerId: row.customer_id, technicianId: row.technician_id });
      }
      return rows.length;
    });
  }

  /** Reminds customers of quotes pending for over 48 h (and not yet expired), once per quote. */
  async remindWaiting(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows = await queryRows<DueRow>(
        m,
        `UPDATE quotes q SET reminder_sent_at = now()
           FROM repair_requests r
          WHERE r.id = q.repair_request_id AND q.status = 'pending' AND q.reminder_sent_at IS NULL
            AND q.created_at <= now() - make_interval(hours => $1) AND q.expires_at > now()
          RETURNING q.id, q.repair_request_id, q.technician_id, r.customer_id, q.expires_at`,
        [QUOTE_REMINDER_AFTER_HOURS],
      );
      for (const row of rows) {
        this.events.publish(m, 'quote.reminder_due', {
          quoteId: row.id,
          repairId: row.repair_request_id,
          customerId: row.customer_id,
          expiresAt: new Date(row.expires_at).toISOString(),
        });
      }
      return rows.length;
    });
  }
}
