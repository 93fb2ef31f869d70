import type { DataSource } from 'typeorm';
import { queryRows, toBuffer } from '../common/sql.js';
import type { User } from '../users/user.entity.js';
import type { ApiKey } from './api-key.entity.js';

/** A key with what authenticating it needs of its creator, whose role and activity the key acts with. */
export type ApiKeyPrincipal = Pick<ApiKey, 'id' | 'name' | 'scopes' | 'secretHash' | 'expiresAt' | 'revokedAt' | 'lastUsedAt'> &
  Pick<User, 'role' | 'active'> & { userId: User['id'] };

/** Read model of API-key authentication: the key and its creator in one round trip, on every request it signs. */
export async function findApiKeyPrincipal(db: DataSource, prefix: string): Promise<ApiKeyPrincipal | null> {
  const [row] = await queryRows<ApiKeyPrincipal>(
    db,
    `SELECT k.id, k.name, k.scopes, k.secret_hash AS "secretHash", k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt",
            k.last_used_at AS "lastUsedAt", u.id AS "userId", u.role, u.active
       FROM api_keys k JOIN users u ON u.id = k.created_by WHERE k.prefix = $1`,
    [prefix],
  );
  // `bytea` comes back as a Uint8Array from PGlite.
  return row ? { ...row, secretHash: toBuffer(row.secretHash) } : null;
}
