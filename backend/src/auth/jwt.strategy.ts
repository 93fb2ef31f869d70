import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/configuration.js';
import type { AuthUser } from '../common/auth-user.js';
import { verificationKey } from './access-keys.js';
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
        const key = verificationKey(config.auth.accessKeys, rawToken);
        // jsonwebtoken takes a KeyObject; passport-jwt's typings only know string | Buffer.
        if (key) done(null, key as unknown as string);
        else done(new Error('unknown signing key'));
      },
      ...accessTokenOptions(config),
    });
  }

  /** The caller, unless the session or the user has been revoked since the token was issued. */
  async validate(claims: AccessTokenClaims): Promise<AuthUser | false> {
    return (await this.verifier.resolve(claims)) ?? false;
  }
}
