import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '../config/configuration.js';
import { unauthenticated } from '../common/errors/domain-error.js';
import { queryRows } from '../common/sql.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionRevocations } from './session-revocations.js';

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  /** The session (token family) it belongs to; access tokens carry it as `sid`. */
  familyId: string;
}

@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly revocations: SessionRevocations,
  ) {}

  /** 256 random bits; only an HMAC keyed with JWT_REFRESH_SECRET is stored. */
  private hash(token: string): string {
    return createHmac('sha256', this.config.auth.refreshSecret).update(token).digest('base64url');
  }

  async issue(userId: string, family?: { id: string; expiresAt: Date }): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const familyExpiresAt = family?.expiresAt ?? new Date(now + this.config.auth.refreshFamilyTtlMs);
    const expiresAt = new Date(Math.min(now + this.config.auth.refreshTtlMs, familyExpiresAt.getTime()));
    const familyId = family?.id ?? randomUUID();
    await this.db.getRepository(RefreshToken).insert({ userId, familyId, tokenHash: this.hash(token), expiresAt, familyExpiresAt });
    return { token, expiresAt, familyId };
  }

  /**
   * Spends `token` and returns the user it belongs to. The conditional UPDATE lets exactly one of
   * several concurrent uses win; presenting an already spent or revoked token revokes its family.
   */
  async rotate(token: string): Promise<{ userId: string; next: IssuedRefreshToken }> {
    const tokenHash = this.hash(token);
    const spent = await queryRows<{ user_id: string; family_id: string; family_expires_at: Date }>(
      this.db,
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id, family_expires_at`,
      [tokenHash],
    );

    if (spent.length === 0) {
      const known = await this.db.getRepository(RefreshToken).findOne({ where: { tokenHash }, select: { familyId: true, usedAt: true, revokedAt: true } });
      if (known && (known.usedAt || known.revokedAt)) await this.revokeFamily(known.familyId);
      throw unauthenticated('AUTH.REFRESH_INVALID', 'Your session has ended. Please sign in again.');
    }
    const [row] = spent;
    const next = await this.issue(row.user_id, { id: row.family_id, expiresAt: new Date(row.family_expires_at) });
    return { userId: row.user_id, next };
  }

  async revoke(token: string): Promise<void> {
    const known = await this.db.getRepository(RefreshToken).findOne({ where: { tokenHash: this.hash(token) }, select: { familyId: true } });
    if (known) await this.revokeFamily(known.familyId);
  }

  /** Ends the session: its refresh tokens die in the database, its access tokens on every instance. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.db.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.revocations.revokeSessions([familyId]);
  }

  /**
   * Ends every session of the user (deactivation, role change, a refresh for an inactive user), or
   * every one but `keep` (a password change ends the others).
   */
  async revokeAllForUser(userId: string, { keep }: { keep?: string } = {}): Promise<void> {
    const revoked = await queryRows<{ family_id: string }>(
      this.db,
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $2 RETURNING family_id`,
      [userId, keep ?? null],
    );
    await this.revocations.revokeSessions(revoked.map((row) => row.family_id));
  }
}
