import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page } from '@repairhub/contracts';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { newestFirstPage, type PageRequest } from '../common/newest-first-page.js';
import { claimDueSql } from '../common/outbox-claim.js';
import { queryRows } from '../common/sql.js';
import { entityColumns, selectAsEntity } from '../database/entity-columns.js';
import { EmailOutboxEntry } from './email-outbox.entity.js';

/** The sending bookkeeping, which the admin's outbox list leaves out. */
const UNLISTED = ['dedupeKey', 'userId', 'attempts', 'nextAttemptAt', 'lastError'] as const;

/** What the admin's outbox list shows of an email. */
export type EmailListing = Omit<EmailOutboxEntry, (typeof UNLISTED)[number]>;

const LISTING = selectAsEntity(entityColumns(EmailOutboxEntry, UNLISTED), 'e');

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

  page(page: PageRequest): Promise<Page<EmailListing>> {
    return newestFirstPage(this.db, { select: LISTING, from: 'email_outbox e', alias: 'e' }, page);
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
