import { Injectable } from '@nestjs/common';
import type { EmailView } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { EmailSender } from './email-sender.js';
import { ESSENTIAL, type EmailTemplate, type RenderedEmail } from './templates/email-templates.js';

export interface OutboxEmail {
  /** Unique per event and recipient: writing the same email twice records it once. */
  dedupeKey: string;
  template: EmailTemplate;
  recipient: { id: string; email: string; emailNonEssential: boolean };
  mail: RenderedEmail;
}

/**
 * Writes rendered emails to `email_outbox` with the manager of the change that causes them, for
 * `EmailDeliveryWorker` to send: `pending` (due now) when SMTP is configured, else `stored`; `skipped`
 * when the recipient turned non-essential emails off.
 */
@Injectable()
export class EmailOutbox {
  constructor(private readonly sender: EmailSender) {}

  async write(m: EntityManager, email: OutboxEmail): Promise<void> {
    const essential = ESSENTIAL[email.template];
    const status: EmailView['status'] = !essential && !email.recipient.emailNonEssential ? 'skipped' : this.sender.enabled ? 'pending' : 'stored';
    await queryRows(
      m,
      `INSERT INTO email_outbox (dedupe_key, template, user_id, to_address, subject, text_body, html_body, essential, status, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 = 'pending' THEN now() END)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [email.dedupeKey, email.template, email.recipient.id, email.recipient.email, email.mail.subject, email.mail.text, email.mail.html, essential, status],
    );
  }
}
