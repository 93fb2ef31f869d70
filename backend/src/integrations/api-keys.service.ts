import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApiKeySecretResponse, ApiKeyView, CreateApiKeyRequest } from '@repairhub/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { invalid, notFound } from '../common/errors/domain-error.js';
import type { PageRequest } from '../common/newest-first-page.js';
import { findApiKeyPrincipal } from './api-key-principal.query.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-token.js';
import { ApiKeysRepository, type ApiKeyListing } from './api-keys.repository.js';

/** `last_used_at` is written at most this often per key (not once per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toApiKeyView = (key: ApiKeyListing): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: `rh_live_${key.prefix}`,
  scopes: key.scopes,
  expiresAt: iso(key.expiresAt),
  lastUsedAt: iso(key.lastUsedAt),
  revokedAt: iso(key.revokedAt),
  createdAt: new Date(key.createdAt).toISOString(),
});

@Injectable()
export class ApiKeysService {
  /** Per instance: when this process last wrote `last_used_at` for a key. */
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: ApiKeysRepository,
  ) {}

  async create(admin: AuthUser, input: CreateApiKeyRequest): Promise<ApiKeySecretResponse> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid('API_KEY.EXPIRY_PAST', 'The expiry must be in the future.', 'expiresAt');
    const { token, prefix, hash } = generateApiKey();
    const key = await this.keys.add({ name: input.name.trim(), prefix, secretHash: hash, scopes: [...new Set(input.scopes)], expiresAt, createdBy: admin.id });
    return { apiKey: toApiKeyView(key), secret: token };
  }

  async list(query: PageRequest) {
    const page = await this.keys.page(query);
    return { items: page.items.map(toApiKeyView), nextCursor: page.nextCursor };
  }

  /** A new secret (and prefix) for the same key; the old secret is refused from now on. */
  async rotate(id: string): Promise<ApiKeySecretResponse> {
    const { token, prefix, hash } = generateApiKey();
    const key = await this.keys.replaceSecret(id, prefix, hash);
    if (!key) throw notFound('API_KEY.NOT_FOUND', 'API key');
    return { apiKey: toApiKeyView(key), secret: token };
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw notFound('API_KEY.NOT_FOUND', 'API key');
  }

  /**
   * The principal for a presented key, or null (malformed, unknown, wrong secret, revoked, expired, or its
   * creator is no longer an active admin). Revocation is checked on every call, so it applies at once.
   */
  async authenticate(presented: string): Promise<AuthUser | null> {
    const key = parseApiKey(presented);
    if (!key) return null;
    const found = await findApiKeyPrincipal(this.db, key.prefix);
    if (!found || !secretMatches(key.secret, found.secretHash)) return null;
    if (found.revokedAt || (found.expiresAt && new Date(found.expiresAt).getTime() <= Date.now())) return null;
    if (!found.active || found.role !== 'admin') return null;
    await this.touch(found.id, found.lastUsedAt);
    return { id: found.userId, role: 'admin', apiKey: { id: found.id, name: found.name, scopes: found.scopes } };
  }

  /** At most one write a minute per key: skipped in memory, and conditional in SQL for several instances. */
  private async touch(id: string, lastUsedAt: Date | null): Promise<void> {
    const now = Date.now();
    const recent = Math.max(lastUsedAt ? new Date(lastUsedAt).getTime() : 0, this.lastUsedWrites.get(id) ?? 0);
    if (now - recent < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.set(id, now);
    await this.keys.touch(id);
  }
}
