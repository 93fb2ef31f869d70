import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/configuration.js';
import type { AuthUser } from '../common/auth-user.js';
import { AccessTokenVerifier, accessTokenOptions, type AccessTokenClaims } from './access-token.verifier.js';

export type { AccessTokenClaims } from './access-token.verifier.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly verifier: AccessTokenVerifier,
  ) {
    const { secret, ...checks } = accessTokenOptions(config);
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: secret, ...checks });
  }

  /** Re-reads the user so a deactivation or role change takes effect on the next request. */
  async validate(claims: AccessTokenClaims): Promise<AuthUser | false> {
    return (await this.verifier.resolve(claims)) ?? false;
  }
}
