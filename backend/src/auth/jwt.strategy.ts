import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Role } from '@repairhub/contracts';
import { AppConfig } from '../config/configuration.js';
import type { AuthUser } from '../common/auth-user.js';
import { UsersService } from '../users/users.service.js';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  typ: 'access';
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.accessSecret,
      algorithms: ['HS256'],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ignoreExpiration: false,
    });
  }

  /** Re-reads the user so a deactivation or role change takes effect on the next request. */
  async validate(claims: AccessTokenClaims): Promise<AuthUser | false> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return false;
    const user = await this.users.findActive(claims.sub);
    if (!user) return false;
    return { id: user.id, email: user.email, role: user.role };
  }
}
