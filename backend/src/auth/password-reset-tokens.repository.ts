import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { PasswordResetToken } from './password-reset-token.entity.js';

/** The password_reset_tokens table's owner. */
@Injectable()
export class PasswordResetTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores a link valid for `ttlMinutes`, in `m`'s transaction; returns its id. */
  async add(m: EntityManager, userId: string, tokenHash: string, ttlMinutes: number): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING id`,
      [userId, tokenHash, ttlMinutes],
    );
    return row.id;
  }

  /**
   * As `add`, unless the user was sent a link in the last `intervalSeconds`: then stores nothing
   * and returns null. The caller holds the user's row lock, so concurrent requests see each other.
   */
  async insertUnlessRecent(m: EntityManager, userId: string, tokenHash: string, ttlMinutes: number, intervalSeconds: number): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at)
       SELECT $1, $2, now() + make_interval(mins => $3)
        WHERE NOT EXISTS (
          SELECT 1 FROM password_reset_tokens WHERE user_id = $1 AND created_at > now() - make_interval(secs => $4)
        )
       RETURNING id`,
      [userId, tokenHash, ttlMinutes, intervalSeconds],
    );
    return row?.id ?? null;
  }

  /** The user of a live (unused, unexpired) link, or null. */
  async findLiveUserId(tokenHash: string): Promise<string | null> {
    const row = await this.db
      .createQueryBuilder(PasswordResetToken, 't')
      .select('t.userId', 'userId')
      .where('t.tokenHash = :tokenHash AND t.usedAt IS NULL AND t.expiresAt > now()', { tokenHash })
      .getRawOne<{ userId: string }>();
    return row?.userId ?? null;
  }

  /** Spends the live link in one conditional UPDATE: of concurrent uses exactly one gets true. */
  async spend(m: EntityManager, tokenHash: string): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(PasswordResetToken)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()', { tokenHash })
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Every other live link of the user dies with the one spent. */
  async spendAllOfUser(m: EntityManager, userId: string): Promise<void> {
    await m
      .createQueryBuilder()
      .update(PasswordResetToken)
      .set({ usedAt: () => 'now()' })
      .where('user_id = :userId AND used_at IS NULL', { userId })
      .execute();
  }
}
