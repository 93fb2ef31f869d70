import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@repairhub/contracts';
import type { AuthUser } from '../common/auth-user.js';
import { AppConfig } from '../config/configuration.js';
import { verificationKey } from './access-keys.js';
import { SessionRevocations } from './session-revocations.js';

export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token family) the token was issued for. */
  sid: string;
  role: Role;
  typ: 'access';
}

/**
 * The checks every access token passes, over HTTP (passport-jwt) and on the Socket.IO handshake. The key is
 * chosen by the token's `kid` header among the configured keys (rotation); no kid or an unknown one → refused.
 */
export function accessTokenOptions(config: AppConfig) {
  return {
    algorithms: ['HS256'] as ['HS256'],
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    ignoreExpiration: false,
  };
}

/**
 * Verifies access tokens outside the HTTP guard (the Socket.IO handshake), with exactly the rules of
 * the JWT strategy: HS256 only, issuer, audience, expiry, `typ: 'access'`, and neither the session
 * nor the user revoked.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly revocations: SessionRevocations,
  ) {}

  /** The signed-in user, or null for a missing, malformed, forged, expired or non-access token or a revoked one. */
  async verify(token: string): Promise<AuthUser | null> {
    let claims: AccessTokenClaims;
    const key = verificationKey(this.config.auth.accessKeys, token);
    if (!key) return null;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { ...accessTokenOptions(this.config), secret: key as unknown as string });
    } catch {
      return null;
    }
    return this.resolve(claims);
  }

  /**
   * Claims whose signature was already checked → the caller. No database read: sign-out, refresh-token
   * reuse, deactivation and role changes reach every instance through the revocation marks.
   */
  async resolve(claims: AccessTokenClaims): Promise<AuthUser | null> {
    const { typ, sub, sid, role } = claims;
    if (typ !== 'access' || typeof sub !== 'string' || typeof sid !== 'string' || !ROLES.includes(role)) return null;
    if (await this.revocations.isRevoked({ sub, sid })) return null;
    return { id: sub, role, sessionId: sid };
  }
}
