import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { RefreshToken } from './refresh-token.entity.js';

export type SpentRefreshToken = Pick<RefreshToken, 'userId' | 'familyId' | 'familyExpiresAt'>;

/** The refresh_tokens table's owner. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async add(token: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt' | 'familyExpiresAt'>): Promise<void> {
    await this.db.getRepository(RefreshToken).insert(token);
  }

  /**
   * Marks the live token used in one conditional UPDATE, so of several concurrent uses exactly one
   * gets it back; the others (and a spent, revoked or expired token) get null.
   */
  async spend(tokenHash: string): Promise<SpentRefreshToken | null> {
    const result = await this.db
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()', { tokenHash })
      .returning(['userId', 'familyId', 'familyExpiresAt'])
      .execute();
    const [row] = result.raw as { user_id: string; family_id: string; family_expires_at: Date | string }[];
    return row ? { userId: row.user_id, familyId: row.family_id, familyExpiresAt: new Date(row.family_expires_at) } : null;
  }

  findByHash(tokenHash: string): Promise<Pick<RefreshToken, 'familyId' | 'usedAt' | 'revokedAt'> | null> {
    return this.db.getRepository(RefreshToken).findOne({ where: { tokenHash }, select: { familyId: true, usedAt: true, revokedAt: true } });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Revokes the user's live tokens, but those of the family `keep`; returns the families it ended. */
  async revokeAllForUser(userId: string, keep: string | undefined): Promise<string[]> {
    const result = await this.db
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL AND family_id IS DISTINCT FROM :keep', { userId, keep: keep ?? null })
      .returning(['familyId'])
      .execute();
    return (result.raw as { family_id: string }[]).map((row) => row.family_id);
  }
}
