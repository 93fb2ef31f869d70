import { Injectable } from '@nestjs/common';
import type { EmailView } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { EmailSender } from './email-sender.js';
import { NotificationsRepository } from './notifications.repository.js';
import { ESSENTIAL, type EmailTemplate, type RenderedEmail } from './templates/email-templates.js';

export interface OutboxEmail {
  /** Unique per event and recipient: writing the same email twice records it once. */
  dedupeKey: string;
  template: EmailTemplate;
  /** `email` null: a customer who gave only a phone number; nothing is written for them. */
  recipient: { id: string; email: string | null; emailNonEssential: boolean };
  mail: RenderedEmail;
}

/**
 * Writes rendered emails to `email_outbox` with the manager of the change that causes them, for
 * `EmailDeliveryWorker` to send: `pending` (due now) when SMTP is configured, else `stored`; `skipped`
 * when the recipient turned non-essential emails off; nothing when the recipient has no email.
 */
@Injectable()
export class EmailOutbox {
  constructor(
    private readonly sender: EmailSender,
    private readonly emails: NotificationsRepository,
  ) {}

  async write(m: EntityManager, email: OutboxEmail): Promise<void> {
    // Not a failed delivery, nor a skipped one: there is nobody to deliver to, and nothing to show admins.
    if (email.recipient.email === null) return;
    const essential = ESSENTIAL[email.template];
    const status: EmailView['status'] = !essential && !email.recipient.emailNonEssential ? 'skipped' : this.sender.enabled ? 'pending' : 'stored';
    await this.emails.addEmail(m, {
      dedupeKey: email.dedupeKey,
      template: email.template,
      userId: email.recipient.id,
      toAddress: email.recipient.email,
      subject: email.mail.subject,
      textBody: email.mail.text,
      htmlBody: email.mail.html,
      essential,
      status,
    });
  }
}
