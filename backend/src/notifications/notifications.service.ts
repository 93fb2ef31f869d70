import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { formatTicketNumber, type EmailView, type Page, type NotificationPreferences } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/configuration.js';
import { DomainEvents } from '../common/events/domain-events.js';
import type { DomainEventMap } from '../common/events/domain-event-map.js';
import { notFound } from '../common/errors/domain-error.js';
import type { PageRequest } from '../common/newest-first-page.js';
import { ChatBroadcaster } from '../chat/chat-broadcaster.js';
import { UsersRepository } from '../users/users.repository.js';
import '../chat/chat.service.js';
import '../calls/calls.service.js';
import { loadEmailRecipient } from './email-recipient.queries.js';
import { EmailOutbox } from './email-outbox.js';
import { NotificationsRepository, type EmailListing } from './notifications.repository.js';
import { excerpt, renderEmail, type EmailFacts } from './templates/email-templates.js';
import { trackingUrl } from '../repairs/tracking-token.js';

/** At most one "customer replied" email per conversation and technician in this window. */
export const CHAT_NUDGE_WINDOW_MS = 15 * 60_000;

/** One email to one user about one repair; `dedupeKey` is unique per event and recipient. */
interface EmailJob {
  dedupeKey: string;
  userId: string;
  repairId: string;
  facts: EmailFacts;
}

const iso = (v: Date | string) => new Date(v).toISOString();
const toEmailView = (e: EmailListing): EmailView => ({
  id: e.id,
  template: e.template,
  to: e.toAddress,
  subject: e.subject,
  text: e.textBody,
  html: e.htmlBody,
  status: e.status,
  essential: e.essential,
  createdAt: iso(e.createdAt),
  sentAt: e.sentAt === null ? null : iso(e.sentAt),
});

/**
 * Email notifications. Each email is rendered and written to `email_outbox` inside the transaction of
 * the change that causes it (durable listeners of the domain events), so it exists exactly when the
 * change does; `EmailDeliveryWorker` sends it. `dedupe_key` is unique per event and recipient, so an
 * event published again records nothing more. The recipient's preference is applied here: a
 * non-essential email to someone who turned them off is recorded as `skipped`.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly outbox: EmailOutbox,
    private readonly chat: ChatBroadcaster,
    private readonly users: UsersRepository,
    private readonly emails: NotificationsRepository,
  ) {}

  onModuleInit(): void {
    this.events.inTransaction('quote.issued', (m, e) =>
      this.record(m, { dedupeKey: `quote.issued:${e.quoteId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'quote_issued', total: e.total, currency: e.currency, expiresAt: e.expiresAt } }),
    );
    this.events.inTransaction('payment.succeeded', (m, e) =>
      this.record(m, { dedupeKey: `payment.succeeded:${e.paymentId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'payment_succeeded', paymentId: e.paymentId, amount: e.amount, currency: e.currency } }),
    );
    this.events.inTransaction('payment.failed', (m, e) =>
      this.record(m, {
        dedupeKey: `payment.${e.status}:${e.paymentId}:${e.customerId}`,
        userId: e.customerId,
        repairId: e.repairId,
        facts: { template: 'payment_failed', amount: e.amount, currency: e.currency, status: e.status },
      }),
    );
    // One email per refund confirmation: the total refunded so far only grows, so it tells them apart.
    this.events.inTransaction('payment.refunded', (m, e) =>
      this.record(m, {
        dedupeKey: `payment.refunded:${e.paymentId}:${e.amountRefunded}:${e.customerId}`,
        userId: e.customerId,
        repairId: e.repairId,
        facts: { template: 'payment_refunded', paymentId: e.paymentId, amount: e.amount, amountRefunded: e.amountRefunded, currency: e.currency },
      }),
    );
    this.events.inTransaction('repair.status_changed', async (m, e) => {
      if (e.to === 'completed') await this.record(m, { dedupeKey: `repair.completed:${e.repairId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'repair_completed' } });
    });
    this.events.inTransaction('chat.message_sent', (m, e) => this.customerReplied(m, e));
    this.events.inTransaction('call.missed', (m, e) => this.missedCall(m, e));
    this.events.inTransaction('quote.reminder_due', (m, e) =>
      this.record(m, { dedupeKey: `quote.reminder:${e.quoteId}:${e.customerId}`, userId: e.customerId, repairId: e.repairId, facts: { template: 'quote_reminder', expiresAt: e.expiresAt } }),
    );
    this.events.inTransaction('appointment.reminder_due', (m, e) =>
      this.record(m, {
        dedupeKey: `appointment.reminder:${e.appointmentId}`,
        userId: e.customerId,
        repairId: e.repairId,
        facts: { template: 'appointment_reminder', startsAt: e.startsAt, timeZone: this.config.appointments.timeZone },
      }),
    );
  }

  /**
   * A customer wrote and the assigned technician has no live chat socket on any instance: one email
   * per conversation and quarter of an hour, however many messages the customer sends meanwhile.
   * The presence check runs inside the message's transaction; if it fails (Redis or another instance
   * not answering) the technician counts as offline, so the customer's message is never refused for it.
   */
  private async customerReplied(m: EntityManager, e: DomainEventMap['chat.message_sent']): Promise<void> {
    const technicianId = e.assignedTechnicianId;
    if (e.senderId !== e.customerId || !technicianId) return;
    const online = await this.chat.isConnected(technicianId).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Chat presence check failed; treating the technician as offline');
      return false;
    });
    if (online) return;
    const customerName = await this.users.nameOf(m, e.customerId);
    const window = Math.floor(Date.now() / CHAT_NUDGE_WINDOW_MS);
    await this.record(m, {
      dedupeKey: `chat.customer_replied:${e.conversationId}:${technicianId}:${window}`,
      userId: technicianId,
      repairId: e.repairId,
      facts: { template: 'customer_replied', customerName: customerName ?? 'The customer', excerpt: excerpt(e.content), attachmentNames: e.attachmentNames },
    });
  }

  /** The callee of a missed call had no live chat socket: one email per call (same presence rule as above). */
  private async missedCall(m: EntityManager, e: DomainEventMap['call.missed']): Promise<void> {
    const online = await this.chat.isConnected(e.calleeId).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Chat presence check failed; treating the callee as offline');
      return false;
    });
    if (online) return;
    await this.record(m, {
      dedupeKey: `call.missed:${e.callId}:${e.calleeId}`,
      userId: e.calleeId,
      repairId: e.repairId,
      facts: { template: 'missed_call', callerName: e.callerName, audience: e.calleeRole === 'customer' ? 'customer' : 'staff' },
    });
  }

  /**
   * Renders the email and writes it to the outbox with `m` (the change's transaction, which it also
   * reads through); nothing for a deactivated user.
   */
  private async record(m: EntityManager, job: EmailJob): Promise<void> {
    const who = await loadEmailRecipient(m, job.userId, job.repairId);
    if (!who?.active) return;
    const mail = renderEmail(
      {
        publicUrl: this.config.http.publicUrl,
        shop: this.config.shop,
        recipientName: who.name,
        repairId: job.repairId,
        ticketNumber: formatTicketNumber(who.ticketSeq),
        deviceLabel: [who.brand, who.model].filter(Boolean).join(' ') || 'device',
        trackingUrl: who.trackingToken ? trackingUrl(this.config.http.publicUrl, who.trackingToken) : null,
      },
      job.facts,
    );
    await this.outbox.write(m, {
      dedupeKey: job.dedupeKey,
      template: job.facts.template,
      recipient: { id: job.userId, email: who.email, emailNonEssential: who.emailNonEssential },
      mail,
    });
  }

  async list(query: PageRequest): Promise<Page<EmailView>> {
    const page = await this.emails.page(query);
    return { items: page.items.map(toEmailView), nextCursor: page.nextCursor };
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    const stored = await this.users.emailNonEssential(userId);
    if (stored === null) throw notFound('USER.NOT_FOUND', 'User');
    return { emailNonEssential: stored };
  }

  async setPreferences(userId: string, emailNonEssential: boolean): Promise<NotificationPreferences> {
    const stored = await this.users.setEmailNonEssential(userId, emailNonEssential);
    if (stored === null) throw notFound('USER.NOT_FOUND', 'User');
    return { emailNonEssential: stored };
  }
}
