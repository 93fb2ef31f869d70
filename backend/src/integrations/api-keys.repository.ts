import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams } from '../common/sql.js';
import { ApiKey } from './api-key.entity.js';

/** What an admin sees of a key: everything but the secret's hash. */
export type ApiKeyListing = Pick<ApiKey, 'id' | 'name' | 'prefix' | 'scopes' | 'expiresAt' | 'lastUsedAt' | 'revokedAt' | 'createdAt'>;

const LISTING = `k.id, k.name, k.prefix, k.scopes, k.expires_at AS "expiresAt", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt",
  k.created_at AS "createdAt"`;

/** The api_keys table's owner. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async add(values: Pick<ApiKey, 'name' | 'prefix' | 'secretHash' | 'scopes' | 'expiresAt' | 'createdBy'>): Promise<ApiKeyListing> {
    const key = this.db.getRepository(ApiKey).create({ ...values, lastUsedAt: null, revokedAt: null });
    await this.db.getRepository(ApiKey).insert(key);
    return key;
  }

  /** Newest first: up to `take` keys after the cursor, each with its own cursor timestamp (`cursorAt`). */
  page(cursor: string | undefined, take: number): Promise<(ApiKeyListing & { cursorAt: string })[]> {
    const p = new SqlParams();
    const where = newestFirstCursor(cursor, 'k', p);
    return queryRows(
      this.db,
      `SELECT ${LISTING}, ${cursorTimestamp('k.created_at')} AS "cursorAt" FROM api_keys k
        WHERE ${where} ORDER BY k.created_at DESC, k.id DESC LIMIT ${p.add(take)}`,
      p.values,
    );
  }

  /** The key with its new prefix and secret, or null when it does not exist or is revoked. */
  async replaceSecret(id: string, prefix: string, secretHash: Buffer): Promise<ApiKeyListing | null> {
    const [key] = await queryRows<ApiKeyListing>(
      this.db,
      `UPDATE api_keys k SET prefix = $2, secret_hash = $3, last_used_at = NULL WHERE id = $1 AND revoked_at IS NULL RETURNING ${LISTING}`,
      [id, prefix, secretHash],
    );
    return key ?? null;
  }

  /** False when there is no such key; revoking a revoked key keeps its first revocation time. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .createQueryBuilder()
      .update(ApiKey)
      .set({ revokedAt: () => 'coalesce(revoked_at, now())' })
      .where('id = :id', { id })
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Conditional, so several instances write `last_used_at` at most once a minute between them. */
  async touch(id: string): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(ApiKey)
      .set({ lastUsedAt: () => 'now()' })
      .where("id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", { id })
      .execute();
  }
}
