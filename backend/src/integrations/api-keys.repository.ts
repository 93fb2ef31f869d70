import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Page } from '@repairhub/contracts';
import { newestFirstPage, type PageRequest } from '../common/newest-first-page.js';
import { queryRows } from '../common/sql.js';
import { entityColumns, selectAsEntity } from '../database/entity-columns.js';
import { ApiKey } from './api-key.entity.js';

const UNLISTED = ['secretHash', 'createdBy'] as const;

/** What an admin sees of a key: everything but the secret's hash (and its creator). */
export type ApiKeyListing = Omit<ApiKey, (typeof UNLISTED)[number]>;

const LISTING = selectAsEntity(entityColumns(ApiKey, UNLISTED), 'k');

/** The api_keys table's owner. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async add(values: Pick<ApiKey, 'name' | 'prefix' | 'secretHash' | 'scopes' | 'expiresAt' | 'createdBy'>): Promise<ApiKeyListing> {
    const key = this.db.getRepository(ApiKey).create({ ...values, lastUsedAt: null, revokedAt: null });
    await this.db.getRepository(ApiKey).insert(key);
    return key;
  }

  page(page: PageRequest): Promise<Page<ApiKeyListing>> {
    return newestFirstPage(this.db, { select: LISTING, from: 'api_keys k', alias: 'k' }, page);
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
