import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { INVITATION_TTL_MINUTES, PASSWORD_RESET_TTL_MINUTES, RESET_TOKEN_INVALID } from '@repairhub/contracts';
import { AppConfig } from '../config/configuration.js';
import { invalid } from '../common/errors/domain-error.js';
import { EmailOutbox } from '../notifications/email-outbox.js';
import { renderAccountEmail } from '../notifications/templates/email-templates.js';
import type { User } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository.js';
import { RefreshTokenService } from './refresh-token.service.js';

const resetTokenInvalid = () =>
  invalid(RESET_TOKEN_INVALID, 'This reset link has expired or was already used. Ask for a new one.');

/**
 * A 256-bit random token cannot be guessed, so a fast unkeyed hash protects it as well as a slow one
 * would; only the hash is stored.
 */
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
/** At most one reset email per account in this window. */
const RESET_EMAIL_INTERVAL_SECONDS = 60;

/** Forgotten passwords: single-use emailed links that set a new password and end every session. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly refreshTokens: RefreshTokenService,
    private readonly tokens: PasswordResetTokensRepository,
    private readonly outbox: EmailOutbox,
  ) {}

  /**
   * Emails an active account a reset link; does nothing for an unknown or deactivated one, nor within
   * a minute of the account's last link (asking again from many addresses cannot flood its inbox; the
   * links already sent still work). The caller answers the same either way, and no path hashes a
   * password, so all take about as long.
   */
  async request(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user?.active) return;
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (m) => {
      // The user's row lock orders concurrent requests, so the "once a minute" check holds under load.
      await this.userRows.lock(m, user.id);
      const id = await this.tokens.insertUnlessRecent(m, user.id, hashToken(token), PASSWORD_RESET_TTL_MINUTES, RESET_EMAIL_INTERVAL_SECONDS);
      if (!id) return;
      const audience = user.role === 'customer' ? 'customer' : 'staff';
      await this.outbox.write(m, {
        dedupeKey: `password.reset:${id}`,
        template: 'password_reset',
        recipient: { id: user.id, email: user.email, emailNonEssential: user.emailNonEssential },
        mail: renderAccountEmail(
          { publicUrl: this.config.http.publicUrl, shop: this.config.shop, recipientName: user.name },
          { template: 'password_reset', token, audience, expiresInMinutes: PASSWORD_RESET_TTL_MINUTES },
        ),
      });
    });
  }

  /**
   * Inside `manager`'s transaction (the check-in that created the account): emails `user` a
   * single-use link, of the same kind as a reset link, to set the first password.
   */
  async invite(
    manager: EntityManager,
    user: Pick<User, 'id' | 'email' | 'name' | 'emailNonEssential'>,
    repair: { ticketNumber: string; trackingUrl: string },
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const id = await this.tokens.add(manager, user.id, hashToken(token), INVITATION_TTL_MINUTES);
    await this.outbox.write(manager, {
      dedupeKey: `account.invitation:${id}`,
      template: 'account_invitation',
      recipient: { id: user.id, email: user.email, emailNonEssential: user.emailNonEssential },
      mail: renderAccountEmail(
        { publicUrl: this.config.http.publicUrl, shop: this.config.shop, recipientName: user.name },
        { template: 'account_invitation', token, audience: 'customer', expiresInMinutes: INVITATION_TTL_MINUTES, ...repair },
      ),
    });
  }

  /**
   * Sets the password of the token's user. A weak password is refused before the token is spent, so
   * the link can be used again with a better one. Spending is a conditional UPDATE: of concurrent
   * resets with one token exactly one wins. Every other link of the user dies with it, and every
   * session (refresh tokens and the access tokens naming them) ends.
   */
  async reset(token: string, password: string): Promise<void> {
    const tokenHash = hashToken(token);
    const userId = await this.tokens.findLiveUserId(tokenHash);
    const user = userId ? await this.users.findActive(userId) : null;
    if (!user) throw resetTokenInvalid();
    const passwordHash = await this.users.hashNewPassword(user, password, 'password');

    await this.db.transaction(async (m) => {
      if (!(await this.tokens.spend(m, tokenHash))) throw resetTokenInvalid();
      await this.tokens.spendAllOfUser(m, user.id);
      await this.userRows.setPasswordHash(m, user.id, passwordHash);
    });
    await this.refreshTokens.revokeAllForUser(user.id);
  }
}
