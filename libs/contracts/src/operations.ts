/** Operations views: the jobs dead-letter list, the email outbox, notification preferences. */

/** A background job that used up its retries. */
export interface FailedJobView {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  error: string;
  failedAt: string;
}

export const EMAIL_STATUSES = ['stored', 'sent', 'skipped'] as const;
/** `stored`: no SMTP configured, kept in the outbox only; `sent`: handed to SMTP; `skipped`: the user opted out. */
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export interface EmailView {
  id: string;
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  status: EmailStatus;
  essential: boolean;
  createdAt: string;
  sentAt: string | null;
}

export interface NotificationPreferences {
  /**
   * Quote reminders and "customer replied while you were offline" emails. Quotes, payment receipts
   * and failures, and repair completion are always sent.
   */
  emailNonEssential: boolean;
}
