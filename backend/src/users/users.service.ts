import { Injectable } from '@nestjs/common';
import type { Page, Role, UserView } from '@repairhub/contracts';
import { conflict, notFound } from '../common/errors/domain-error.js';
import { normalizeEmail, normalizeName } from '../common/identity-text.js';
import { isUniqueViolation } from '../common/sql.js';
import { PasswordService } from '../auth/password.service.js';
import { RefreshTokenService } from '../auth/refresh-token.service.js';
import { SessionRevocations } from '../auth/session-revocations.js';
import type { ListUsersQueryDto, UpdateUserDto } from './dto/user.dto.js';
import type { User } from './user.entity.js';
import { toUserView } from './user.mapper.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly revocations: SessionRevocations,
  ) {}

  async create(input: { email: string; password: string; name: string; role: Role }): Promise<User> {
    this.passwords.assertAcceptable(input.password, [input.email, input.name]);
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.repo.create({ email: normalizeEmail(input.email), name: normalizeName(input.name), role: input.role, passwordHash });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('USER.EMAIL_TAKEN', 'An account with this email already exists.');
      throw error;
    }
  }

  /**
   * Replaces the password, only if it is still the one `user` was read with (two concurrent changes:
   * the second is refused rather than silently overwriting the first).
   */
  async replacePassword(user: User, newPassword: string, field: string): Promise<void> {
    const passwordHash = await this.hashNewPassword(user, newPassword, field);
    if (!(await this.repo.replacePasswordHash(user.id, user.passwordHash, passwordHash))) throw conflict('AUTH.PASSWORD_CHANGED_MEANWHILE', 'Your password was just changed elsewhere. Sign in again.');
  }

  /** Refuses a weak password for `user` (beside `field`) and hashes an acceptable one; stores nothing. */
  async hashNewPassword(user: User, password: string, field: string): Promise<string> {
    this.passwords.assertAcceptable(password, user.email ? [user.email, user.name] : [user.name], field);
    return this.passwords.hash(password);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repo.findByEmail(normalizeEmail(email));
  }

  findActive(id: string): Promise<User | null> {
    return this.repo.findActive(id);
  }

  async get(id: string): Promise<User> {
    const user = await this.repo.findById(id);
    if (!user) throw notFound('USER.NOT_FOUND', 'User');
    return user;
  }

  isEmpty(): Promise<boolean> {
    return this.repo.isEmpty();
  }

  countAdmins(): Promise<number> {
    return this.repo.countActiveAdmins();
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserView>> {
    const page = await this.repo.list(query);
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
  }

  async update(actorId: string, id: string, changes: UpdateUserDto): Promise<User> {
    const user = await this.get(id);
    if (actorId === id && (changes.active === false || (changes.role && changes.role !== 'admin'))) {
      throw conflict('USER.SELF_LOCKOUT', 'You cannot deactivate yourself or remove your own admin role.');
    }
    if (changes.role && changes.role !== 'customer' && user.email === null) {
      throw conflict('USER.STAFF_EMAIL_REQUIRED', 'Staff sign in with their email, and this customer has none. Add staff as new users instead.');
    }
    const before = { active: user.active, role: user.role };
    Object.assign(user, changes);
    const saved = await this.repo.persist(user);
    if (before.active && !saved.active) await this.revocations.userDeactivated(id);
    if (!before.active && saved.active) await this.revocations.userReactivated(id);
    // Access tokens carry the role: a new one takes effect at the next sign-in, so sessions holding the old one end now.
    if (!saved.active || before.role !== saved.role) await this.refreshTokens.revokeAllForUser(id);
    return saved;
  }
}
