import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/configuration.js';
import { unauthenticated } from '../common/errors/domain-error.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
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
    private readonly tokens: RefreshTokensRepository,
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
    await this.tokens.add({ userId, familyId, tokenHash: this.hash(token), expiresAt, familyExpiresAt });
    return { token, expiresAt, familyId };
  }

  /**
   * Spends `token` and returns the user it belongs to. The conditional UPDATE lets exactly one of
   * several concurrent uses win; presenting an already spent or revoked token revokes its family.
   */
  async rotate(token: string): Promise<{ userId: string; next: IssuedRefreshToken }> {
    const tokenHash = this.hash(token);
    const spent = await this.tokens.spend(tokenHash);
    if (!spent) {
      const known = await this.tokens.findByHash(tokenHash);
      if (known && (known.usedAt || known.revokedAt)) await this.revokeFamily(known.familyId);
      throw unauthenticated('AUTH.REFRESH_INVALID', 'Your session has ended. Please sign in again.');
    }
    const next = await this.issue(spent.userId, { id: spent.familyId, expiresAt: spent.familyExpiresAt });
    return { userId: spent.userId, next };
  }

  async revoke(token: string): Promise<void> {
    const known = await this.tokens.findByHash(this.hash(token));
    if (known) await this.revokeFamily(known.familyId);
  }

  /** Ends the session: its refresh tokens die in the database, its access tokens on every instance. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.revokeFamily(familyId);
    await this.revocations.revokeSessions([familyId]);
  }

  /**
   * Ends every session of the user (deactivation, role change, a refresh for an inactive user), or
   * every one but `keep` (a password change ends the others).
   */
  async revokeAllForUser(userId: string, { keep }: { keep?: string } = {}): Promise<void> {
    const revoked = await this.tokens.revokeAllForUser(userId, keep);
    await this.revocations.revokeSessions(revoked);
  }
}
