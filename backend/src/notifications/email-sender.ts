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

/** SMTP through nodemailer when SMTP_URL is set; otherwise `enabled` is false and emails stay in the outbox. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(private readonly config: AppConfig) {
    this.transport = config.email.smtpUrl ? nodemailer.createTransport(config.email.smtpUrl) : null;
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
