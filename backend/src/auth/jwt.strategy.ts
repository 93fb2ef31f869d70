import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/configuration.js';
import type { AuthUser } from '../common/auth-user.js';
import { verificationSecret } from './access-keys.js';
import { AccessTokenVerifier, accessTokenOptions, type AccessTokenClaims } from './access-token.verifier.js';

export type { AccessTokenClaims } from './access-token.verifier.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly verifier: AccessTokenVerifier,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // The key named by the token's `kid`; without one the token is refused before any signature check.
      secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: Error | null, secret?: string) => void) => {
        const secret = verificationSecret(config.auth.accessKeys, rawToken);
        if (secret) done(null, secret);
        else done(new Error('unknown signing key'));
      },
      ...accessTokenOptions(config),
    });
  }

  /** Re-reads the user so a deactivation or role change takes effect on the next request. */
  async validate(claims: AccessTokenClaims): Promise<AuthUser | false> {
    return (await this.verifier.resolve(claims)) ?? false;
  }
}
