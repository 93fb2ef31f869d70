import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthResponse } from '@repairhub/contracts';
import { AppConfig } from '../config/configuration.js';
import type { AuthUser } from '../common/auth-user.js';
import { invalid, unauthenticated } from '../common/errors/domain-error.js';
import type { User } from '../users/user.entity.js';
import { toUserView } from '../users/user.mapper.js';
import { UsersService } from '../users/users.service.js';
import type { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto.js';
import type { AccessTokenClaims } from './jwt.strategy.js';
import { secretKeyOf } from './access-keys.js';
import { LoginFailuresService } from './login-failures.service.js';
import { PasswordService } from './password.service.js';
import { RefreshTokenService, type IssuedRefreshToken } from './refresh-token.service.js';

export interface Session {
  body: AuthResponse;
  refresh: IssuedRefreshToken;
}

const invalidCredentials = () => unauthenticated('AUTH.INVALID_CREDENTIALS', 'Email or password is incorrect.');

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly failures: LoginFailuresService,
    private readonly jwt: JwtService,
  ) {}

  async register(input: RegisterDto): Promise<Session> {
    const user = await this.users.create({ ...input, role: 'customer' });
    return this.startSession(user);
  }

  async login(input: LoginDto): Promise<Session> {
    const user = await this.users.findByEmail(input.email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!ok || !user || !user.active) {
      await sleep(this.failures.delayFor(await this.failures.recordFailure(input.email)));
      throw invalidCredentials();
    }
    return this.startSession(user);
  }

  async refresh(token: string): Promise<Session> {
    const { userId, next } = await this.refreshTokens.rotate(token);
    const user = await this.users.findActive(userId);
    if (!user) {
      await this.refreshTokens.revokeAllForUser(userId);
      throw unauthenticated('AUTH.REFRESH_INVALID', 'Your session has ended. Please sign in again.');
    }
    return { body: await this.accessFor(user, next.familyId), refresh: next };
  }

  /**
   * Checks the current password (a wrong one counts as a failed sign-in for the account), sets the new
   * one and ends every other session of the user; the caller's session goes on.
   */
  async changePassword(caller: AuthUser, input: ChangePasswordDto): Promise<void> {
    const user = await this.users.get(caller.id);
    if (!(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      // Signed in means signed in by email; the id only satisfies the type.
      await sleep(this.failures.delayFor(await this.failures.recordFailure(user.email ?? user.id)));
      throw invalid('AUTH.WRONG_PASSWORD', 'Your current password is incorrect.', 'currentPassword');
    }
    if (input.newPassword === input.currentPassword) {
      throw invalid('AUTH.PASSWORD_UNCHANGED', 'Choose a new password different from your current one.', 'newPassword');
    }
    await this.users.replacePassword(user, input.newPassword, 'newPassword');
    await this.refreshTokens.revokeAllForUser(user.id, { keep: caller.sessionId });
  }

  logout(token: string): Promise<void> {
    return this.refreshTokens.revoke(token);
  }

  private async startSession(user: User): Promise<Session> {
    const refresh = await this.refreshTokens.issue(user.id);
    return { body: await this.accessFor(user, refresh.familyId), refresh };
  }

  private async accessFor(user: User, sessionId: string): Promise<AuthResponse> {
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId, role: user.role, typ: 'access' };
    const expiresIn = Math.floor(this.config.auth.accessTtlMs / 1000);
    const [signing] = this.config.auth.accessKeys;
    const accessToken = await this.jwt.signAsync(claims, {
      // jsonwebtoken takes a KeyObject; @nestjs/jwt's typings only know string | Buffer.
      secret: secretKeyOf(signing.secret) as unknown as string,
      algorithm: 'HS256',
      keyid: signing.kid,
      expiresIn,
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
    });
    return { user: toUserView(user), accessToken, expiresIn };
  }
}
