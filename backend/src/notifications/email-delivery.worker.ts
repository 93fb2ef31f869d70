import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/configuration.js';
import { OutboxPoller } from '../infra/outbox/outbox-poller.js';
import { nextRetryDelay } from '../infra/outbox/retry-backoff.js';
import { EmailSender } from './email-sender.js';
import { NotificationsRepository, type DueEmail } from './notifications.repository.js';

const BATCH = 10;
/** Longer than the slowest SMTP exchange the sender's timeouts allow (connect, greeting, a few silent commands). */
const SEND_LEASE_MS = 15 * 60_000;

/**
 * Sends the email outbox when SMTP is configured. Every `EMAIL_POLL_MS` it claims due `pending` rows
 * (`NotificationsRepository.claimDue`: SKIP LOCKED and a lease, so two instances or two rounds never hold
 * the same email), sends each, and marks it `sent`; a refusal or an unreachable server is retried with backoff
 * (`EMAIL_RETRY_BASE_MS`, doubling, for up to a day, then `failed`). An email is sent once; only a crash
 * between the server's acceptance and the `sent` mark sends it again when the lease ends, with the same
 * Message-ID.
 */
@Injectable()
export class EmailDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Emails');
  private readonly poller = new OutboxPoller(() => this.round(), this.log);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly sender: EmailSender,
    private readonly emails: NotificationsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role.workers && this.sender.enabled && this.config.email.workerEnabled) this.poller.start(this.config.email.pollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** One round: claims and sends what is due; returns how many were attempted. */
  runOnce(): Promise<number> {
    return this.poller.runOnce();
  }

  private async round(): Promise<number> {
    if (!this.sender.enabled) return 0;
    const claimed = await this.db.transaction((m) => this.emails.claimDue(m, BATCH, SEND_LEASE_MS));
    if (!claimed.length) return 0;
    const due = await this.emails.dueEmails(claimed);
    await Promise.all(due.map((email) => this.send(email)));
    return due.length;
  }

  private async send(e: DueEmail): Promise<void> {
    try {
      await this.sender.send({ to: e.toAddress, subject: e.subject, text: e.textBody, html: e.htmlBody, messageId: `<${e.id}@repairhub>` });
    } catch (error) {
      const attempts = e.attempts + 1;
      const delay = nextRetryDelay(attempts, this.config.email.retryBaseMs, Date.now() - new Date(e.createdAt).getTime());
      const message = (error as Error).message.slice(0, 500);
      await this.emails.markSendFailed(e.id, attempts, message, delay);
      this.log.warn({ emailId: e.id, template: e.template, attempts, err: message }, delay === null ? 'Email failed; giving up' : 'Email failed; will retry');
      return;
    }
    await this.emails.markSent(e.id);
    this.log.log({ emailId: e.id, template: e.template }, 'Email sent');
  }
}
