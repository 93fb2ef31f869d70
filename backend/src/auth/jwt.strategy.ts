import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/configuration.js';
import type { AuthUser } from '../common/auth-user.js';
import { verificationSecret } from './access-keys.js';
import { AccessTokenVerifier, accessTokenOptions, type AccessTokenClaims } from './access-token.verifier.js';

export type { AccessTokenClaims } from './access-token.verifier.js';

const secretKeys = new Map<string, KeyObject>();
/**
 * The secret as a KeyObject, made once per key. Handed a string, jsonwebtoken first tries to parse it
 * as a PEM public key on every verify and catches the failure: ~10% of the CPU of each authenticated
 * request in the repairs benchmark.
 */
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

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
        // jsonwebtoken takes a KeyObject; passport-jwt's typings only know string | Buffer.
        if (secret) done(null, secretKey(secret) as unknown as string);
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
