import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/configuration.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per email, so a receiving system can spot a duplicate delivery. */
  messageId: string;
}

/**
 * Bounds on one SMTP exchange (nodemailer waits up to 2 min to connect and 10 min on a silent socket by
 * default). A send must end well within the delivery worker's claim lease, or another instance could
 * claim the email again while this one is still talking to the server.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** SMTP through nodemailer when SMTP_URL is set; otherwise `enabled` is false and emails stay in the outbox. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(private readonly config: AppConfig) {
    this.transport = config.email.smtpUrl ? nodemailer.createTransport({ url: config.email.smtpUrl, ...SMTP_TIMEOUTS }) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(email: OutgoingEmail): Promise<void> {
    if (!this.transport) throw new Error('SMTP is not configured');
    await this.transport.sendMail({ from: this.config.email.from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
