import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_PAGE_LIMIT, type EmailView, type NotificationPreferences } from '@repairhub/contracts';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/configuration.js';
import { DomainEvents } from '../common/events/domain-events.js';
import type { DomainEventMap } from '../common/events/domain-event-map.js';
import { notFound } from '../common/errors/domain-error.js';
import { toPage } from '../common/http/pagination.js';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams } from '../common/sql.js';
import { Jobs } from '../infra/jobs/jobs.service.js';
import { safeJobId } from '../infra/jobs/job-types.js';
import { ChatBroadcaster } from '../chat/chat-broadcaster.js';
import '../chat/chat.service.js';
import { EmailSender } from './email-sender.js';
import { ESSENTIAL, excerpt, renderEmail, type EmailFacts } from './templates/email-templates.js';

export const EMAIL_JOB = 'email.send';
/** How long a send claim holds before another run may assume the sender died. */
export const SEND_LEASE_MS = 5 * 60_000;
/** At most one "customer replied" email per conversation and technician in this window. */
export const CHAT_NUDGE_WINDOW_MS = 15 * 60_000;

/** One email to one user about one repair; `dedupeKey` is unique per event and recipient. */
export interface EmailJob {
  dedupeKey: string;
  userId: string;
  repairId: string;
  facts: EmailFacts;
}

interface OutboxRow {
  id: string;
  template: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: EmailView['status'];
  essential: boolean;
  created_at: Date | string;
  sent_at: Date | string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();
export const toEmailView = (r: OutboxRow): EmailView => ({
  id: r.id,
  template: r.template,
  to: r.to_address,
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  status: r.status,
  essential: r.essential,
  createdAt: iso(r.created_at),
  // A `stored` row's sent_at is a send claim, not a delivery.
  sentAt: r.status === 'sent' && r.sent_at !== null ? iso(r.sent_at) : null,
});

/**
 * Email notifications. Domain events (after commit) become `email.send` jobs whose id is the
 * event + recipient, so a re-published event or a second instance never queues it twice. The job
 * renders the email, records it in `email_outbox` (unique `dedupe_key`: a retried job finds the
 * row and never sends again once it is `sent`) and hands it to SMTP when configured.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: Jobs,
    private readonly events: DomainEvents,
    private readonly sender: EmailSender,
    private readonly chat: ChatBroadcaster,
  ) {}

  onModuleInit(): void {
    this.jobs.register<EmailJob>({ name: EMAIL_JOB, attempts: 6, backoffMs: 5000, handle: (job) => this.deliver(job) });

    this.events.on('quote.issued', (e) =>
      this.notify({ dedupeKey: `quote.issued:${e.quoteId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'quote_issued', total: e.total, currency: e.currency, expiresAt: e.expiresAt } }),
    );
    this.events.on('payment.succeeded', (e) =>
      this.notify({ dedupeKey: `payment.succeeded:${e.paymentId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'payment_succeeded', amount: e.amount, currency: e.currency } }),
    );
    this.events.on('payment.failed', (e) =>
      this.notify({
        dedupeKey: `payment.${e.status}:${e.paymentId}:${e.customerId}`,
        userId: e.customerId,
        repairId: e.repairId,
        facts: { template: 'payment_failed', amount: e.amount, currency: e.currency, status: e.status },
      }),
    );
    this.events.on('repair.status_changed', (e) =>
      e.to === 'completed' ? this.notify({ dedupeKey: `repair.completed:${e.repairId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'repair_completed' } }) : undefined,
    );
    this.events.on('chat.message_sent', (e) => this.customerReplied(e));
    this.events.on('quote.reminder_due', (e) =>
      this.notify({ dedupeKey: `quote.reminder:${e.quoteId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'quote_reminder', expiresAt: e.expiresAt } }),
    );
  }

  /**
   * A customer wrote and the assigned technician has no live chat socket on any instance: one email
   * per conversation and quarter of an hour, however many messages the customer sends meanwhile.
   */
  private async customerReplied(e: DomainEventMap['chat.message_sent']): Promise<void> {
    const technicianId = e.assignedTechnicianId;
    if (e.senderId !== e.customerId || !technicianId) return;
    if (await this.chat.isConnected(technicianId)) return;
    const [customer] = await queryRows<{ name: string }>(this.db, `SELECT name FROM users WHERE id = $1`, [e.customerId]);
    const window = Math.floor(Date.now() / CHAT_NUDGE_WINDOW_MS);
    await this.notify({
      dedupeKey: `chat.customer_replied:${e.conversationId}:${technicianId}:${window}`,
      userId: technicianId,
      repairId: e.repairId,
      facts: { template: 'customer_replied', customerName: customer?.name ?? 'The customer', excerpt: excerpt(e.content) },
    });
  }

  /** Queues one email; the same `dedupeKey` queued again (a retried event, another instance) is not added twice. */
  async notify(job: EmailJob): Promise<void> {
    await this.jobs.enqueue(EMAIL_JOB, job, { jobId: safeJobId(`email.${job.dedupeKey}`) });
  }

  /** The job: render, record once, send when SMTP is configured and the user wants it. */
  async deliver(job: EmailJob): Promise<void> {
    const [existing] = await queryRows<{ id: string; status: string; to_address: string; subject: string; text_body: string; html_body: string }>(
      this.db,
      `SELECT id, status, to_address, subject, text_body, html_body FROM email_outbox WHERE dedupe_key = $1`,
      [job.dedupeKey],
    );
    let row = existing;
    if (!row) {
      const [who] = await queryRows<{ email: string; name: string; active: boolean; email_non_essential: boolean; brand: string | null; model: string | null }>(
        this.db,
        `SELECT u.email, u.name, u.active, u.email_non_essential, d.brand, d.model
           FROM users u LEFT JOIN repair_requests r ON r.id = $2 LEFT JOIN devices d ON d.id = r.device_id
          WHERE u.id = $1`,
        [job.userId, job.repairId],
      );
      if (!who || !who.active) return;
      const essential = ESSENTIAL[job.facts.template];
      const mail = renderEmail(
        { publicUrl: this.config.http.publicUrl, recipientName: who.name, repairId: job.repairId, deviceLabel: [who.brand, who.model].filter(Boolean).join(' ') || 'device' },
        job.facts,
      );
      const status = !essential && !who.email_non_essential ? 'skipped' : 'stored';
      const [inserted] = await queryRows<typeof row>(
        this.db,
        `INSERT INTO email_outbox (dedupe_key, template, user_id, to_address, subject, text_body, html_body, essential, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id, status, to_address, subject, text_body, html_body`,
        [job.dedupeKey, job.facts.template, job.userId, who.email, mail.subject, mail.text, mail.html, essential, status],
      );
      // Lost a race with another run of the same job: that run owns the sending.
      if (!inserted) return;
      row = inserted;
    }
    if (row.status !== 'stored' || !this.sender.enabled) return;
    // Claim the send: while a `stored` row carries a recent `sent_at` lease, another run (a second
    // delivery of the job, another instance) is sending it. A sender that died mid-way leaves a lease
    // that expires, so the email is sent again then (at least once after a crash, never twice otherwise).
    const [claimed] = await queryRows(
      this.db,
      `UPDATE email_outbox SET sent_at = now()
        WHERE id = $1 AND status = 'stored' AND (sent_at IS NULL OR sent_at < now() - make_interval(secs => $2))
        RETURNING id`,
      [row.id, SEND_LEASE_MS / 1000],
    );
    if (!claimed) return;
    try {
      await this.sender.send({ to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body, messageId: `<${row.id}@repairhub>` });
    } catch (error) {
      // Free the claim so the job's retry can send it.
      await queryRows(this.db, `UPDATE email_outbox SET sent_at = NULL WHERE id = $1 AND status = 'stored' RETURNING id`, [row.id]);
      throw error;
    }
    await queryRows(this.db, `UPDATE email_outbox SET status = 'sent', sent_at = now() WHERE id = $1 RETURNING id`, [row.id]);
    this.logger.log({ template: job.facts.template, emailId: row.id }, 'Email sent');
  }

  async list(query: { limit?: number; cursor?: string }): Promise<{ items: EmailView[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const p = new SqlParams();
    const where = newestFirstCursor(query.cursor, 'e', p);
    const rows = await queryRows<OutboxRow & { cursor_at: string }>(
      this.db,
      `SELECT e.id, e.template, e.to_address, e.subject, e.text_body, e.html_body, e.status, e.essential, e.created_at, e.sent_at,
              ${cursorTimestamp('e.created_at')} AS cursor_at
         FROM email_outbox e WHERE ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map(toEmailView), nextCursor: page.nextCursor };
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    const [row] = await queryRows<{ email_non_essential: boolean }>(this.db, `SELECT email_non_essential FROM users WHERE id = $1`, [userId]);
    if (!row) throw notFound('USER.NOT_FOUND', 'User');
    return { emailNonEssential: row.email_non_essential };
  }

  async setPreferences(userId: string, emailNonEssential: boolean): Promise<NotificationPreferences> {
    const [row] = await queryRows<{ email_non_essential: boolean }>(
      this.db,
      `UPDATE users SET email_non_essential = $2, updated_at = now() WHERE id = $1 RETURNING email_non_essential`,
      [userId, emailNonEssential],
    );
    if (!row) throw notFound('USER.NOT_FOUND', 'User');
    return { emailNonEssential: row.email_non_essential };
  }
}
