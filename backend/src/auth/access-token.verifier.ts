import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@repairhub/contracts';
import type { AuthUser } from '../common/auth-user.js';
import { AppConfig } from '../config/configuration.js';
import { UsersService } from '../users/users.service.js';
import { verificationSecret } from './access-keys.js';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  typ: 'access';
}

/**
 * The checks every access token passes, over HTTP (passport-jwt) and on the Socket.IO handshake. The secret is
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
 * the JWT strategy: HS256 only, issuer, audience, expiry, `typ: 'access'`, and the user re-read and active.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  /** The signed-in user, or null for a missing, malformed, forged, expired or non-access token or an inactive user. */
  async verify(token: string): Promise<AuthUser | null> {
    let claims: AccessTokenClaims;
    const secret = verificationSecret(this.config.auth.accessKeys, token);
    if (!secret) return null;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { ...accessTokenOptions(this.config), secret });
    } catch {
      return null;
    }
    return this.resolve(claims);
  }

  /** Claims whose signature was already checked → the current user (deactivation and role changes apply at once). */
  async resolve(claims: AccessTokenClaims): Promise<AuthUser | null> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return null;
    const user = await this.users.findActive(claims.sub);
    if (!user) return null;
    return { id: user.id, email: user.email, role: user.role };
  }
}
