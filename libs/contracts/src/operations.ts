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

export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'stored', 'skipped'] as const;
/**
 * `pending`: waiting to be handed to SMTP (first try or a retry); `sent`: handed to SMTP; `failed`: SMTP kept
 * refusing it for a day, given up; `stored`: no SMTP configured, kept in the outbox only; `skipped`: the user
 * opted out.
 */
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
