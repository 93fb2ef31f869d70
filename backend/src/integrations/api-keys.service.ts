import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_PAGE_LIMIT, type ApiKeyScope, type ApiKeySecretResponse, type ApiKeyView, type CreateApiKeyRequest } from '@repairhub/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { invalid, notFound } from '../common/errors/domain-error.js';
import { toPage } from '../common/http/pagination.js';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams, toBuffer } from '../common/sql.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-token.js';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'k.id, k.name, k.prefix, k.scopes, k.expires_at, k.last_used_at, k.revoked_at, k.created_at';
/** `last_used_at` is written at most this often per key (not once per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const toApiKeyView = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: `rh_live_${row.prefix}`,
  scopes: row.scopes,
  expiresAt: iso(row.expires_at),
  lastUsedAt: iso(row.last_used_at),
  revokedAt: iso(row.revoked_at),
  createdAt: new Date(row.created_at).toISOString(),
});

@Injectable()
export class ApiKeysService {
  /** Per instance: when this process last wrote `last_used_at` for a key. */
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(admin: AuthUser, input: CreateApiKeyRequest): Promise<ApiKeySecretResponse> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid('API_KEY.EXPIRY_PAST', 'The expiry must be in the future.', 'expiresAt');
    const { token, prefix, hash } = generateApiKey();
    const [row] = await queryRows<ApiKeyRow>(
      this.db,
      `INSERT INTO api_keys AS k (name, prefix, secret_hash, scopes, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [input.name.trim(), prefix, hash, [...new Set(input.scopes)], expiresAt, admin.id],
    );
    return { apiKey: toApiKeyView(row), secret: token };
  }

  async list(query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const p = new SqlParams();
    const where = newestFirstCursor(query.cursor, 'k', p);
    const rows = await this.db.query<(ApiKeyRow & { cursor_at: string })[]>(
      `SELECT ${COLUMNS}, ${cursorTimestamp('k.created_at')} AS cursor_at FROM api_keys k WHERE ${where} ORDER BY k.created_at DESC, k.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map(toApiKeyView), nextCursor: page.nextCursor };
  }

  /** A new secret (and prefix) for the same key; the old secret is refused from now on. */
  async rotate(id: string): Promise<ApiKeySecretResponse> {
    const { token, prefix, hash } = generateApiKey();
    const rows = await queryRows<ApiKeyRow>(
      this.db,
      `UPDATE api_keys k SET prefix = $2, secret_hash = $3, last_used_at = NULL WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id, prefix, hash],
    );
    if (!rows.length) throw notFound('API_KEY.NOT_FOUND', 'API key');
    return { apiKey: toApiKeyView(rows[0]), secret: token };
  }

  async revoke(id: string): Promise<void> {
    const rows = await queryRows(this.db, `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id`, [id]);
    if (!rows.length) throw notFound('API_KEY.NOT_FOUND', 'API key');
  }

  /**
   * The principal for a presented key, or null (malformed, unknown, wrong secret, revoked, expired, or its
   * creator is no longer an active admin). Revocation is checked on every call, so it applies at once.
   */
  async authenticate(presented: string): Promise<AuthUser | null> {
    const key = parseApiKey(presented);
    if (!key) return null;
    const [row] = await this.db.query<(ApiKeyRow & { secret_hash: Buffer; user_id: string; role: string; active: boolean })[]>(
      `SELECT k.id, k.name, k.scopes, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at, u.id AS user_id, u.role, u.active
         FROM api_keys k JOIN users u ON u.id = k.created_by WHERE k.prefix = $1`,
      [key.prefix],
    );
    if (!row || !secretMatches(key.secret, toBuffer(row.secret_hash))) return null;
    if (row.revoked_at || (row.expires_at && new Date(row.expires_at).getTime() <= Date.now())) return null;
    if (!row.active || row.role !== 'admin') return null;
    await this.touch(row.id, row.last_used_at);
    return { id: row.user_id, role: 'admin', apiKey: { id: row.id, name: row.name, scopes: row.scopes } };
  }

  /** At most one write a minute per key: skipped in memory, and conditional in SQL for several instances. */
  private async touch(id: string, lastUsedAt: Date | null): Promise<void> {
    const now = Date.now();
    const recent = Math.max(lastUsedAt ? new Date(lastUsedAt).getTime() : 0, this.lastUsedWrites.get(id) ?? 0);
    if (now - recent < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.set(id, now);
    await this.db.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
