import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { claimDueSql } from '../common/outbox-claim.js';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams } from '../common/sql.js';
import { EmailOutboxEntry } from './email-outbox.entity.js';

/** What the admin's outbox list shows of an email. */
export type EmailListing = Pick<EmailOutboxEntry, 'id' | 'template' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'status' | 'essential' | 'createdAt' | 'sentAt'>;

/** A claimed email with what sending it needs. */
export type DueEmail = Pick<EmailOutboxEntry, 'id' | 'attempts' | 'createdAt' | 'template' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody'>;

/** The email_outbox table's owner. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records the email in the caller's transaction, once per `dedupeKey` (a second write records nothing);
   * a `pending` email is due now.
   */
  async addEmail(
    m: EntityManager,
    email: Pick<EmailOutboxEntry, 'dedupeKey' | 'template' | 'userId' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'essential' | 'status'>,
  ): Promise<void> {
    await queryRows(
      m,
      `INSERT INTO email_outbox (dedupe_key, template, user_id, to_address, subject, text_body, html_body, essential, status, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 = 'pending' THEN now() END)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [email.dedupeKey, email.template, email.userId, email.toAddress, email.subject, email.textBody, email.htmlBody, email.essential, email.status],
    );
  }

  /** Newest first: up to `take` emails after the cursor, each with its own cursor timestamp (`cursorAt`). */
  page(cursor: string | undefined, take: number): Promise<(EmailListing & { cursorAt: string })[]> {
    const p = new SqlParams();
    const where = newestFirstCursor(cursor, 'e', p);
    return queryRows(
      this.db,
      `SELECT e.id, e.template, e.to_address AS "toAddress", e.subject, e.text_body AS "textBody", e.html_body AS "htmlBody", e.status, e.essential,
              e.created_at AS "createdAt", e.sent_at AS "sentAt", ${cursorTimestamp('e.created_at')} AS "cursorAt"
         FROM email_outbox e WHERE ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT ${p.add(take)}`,
      p.values,
    );
  }

  /** Claims up to `limit` due rows for `leaseMs` (see `claimDueSql`) and returns their ids. */
  async claimDue(m: EntityManager, limit: number, leaseMs: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      claimDueSql('email_outbox'),
      [limit, leaseMs],
    );
    return rows.map((r) => r.id);
  }

  dueEmails(ids: string[]): Promise<DueEmail[]> {
    return this.db.getRepository(EmailOutboxEntry).find({
      select: { id: true, attempts: true, createdAt: true, template: true, toAddress: true, subject: true, textBody: true, htmlBody: true },
      where: { id: In(ids) },
    });
  }

  /** Only while still `pending`, so a row an admin or another path settled meanwhile is left alone. */
  async markSent(id: string): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(EmailOutboxEntry)
      .set({ status: 'sent', sentAt: () => 'now()', attempts: () => 'attempts + 1', nextAttemptAt: null, lastError: null })
      .where("id = :id AND status = 'pending'", { id })
      .execute();
  }

  /** A failed send: due again in `retryInMs`, or `failed` for good when that is null. Only while still `pending`. */
  async markSendFailed(id: string, attempts: number, lastError: string, retryInMs: number | null): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(EmailOutboxEntry)
      .set({
        attempts,
        lastError,
        status: retryInMs === null ? 'failed' : 'pending',
        nextAttemptAt: retryInMs === null ? null : () => "now() + CAST(:retryInMs AS bigint) * interval '1 millisecond'",
      })
      .where("id = :id AND status = 'pending'", { id })
      .setParameter('retryInMs', retryInMs)
      .execute();
  }
}
