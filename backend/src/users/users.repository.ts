import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Page, Role } from '@repairhub/contracts';
import { newestFirstPage, type PageRequest } from '../common/newest-first-page.js';
import { containsPattern, orPhoneContains, queryRows, SqlParams } from '../common/sql.js';
import { entityColumnsNamed, selectAsEntity } from '../database/entity-columns.js';
import { onReadReplica } from '../database/read-replica.js';
import { User } from './user.entity.js';

const LISTED = ['id', 'email', 'phone', 'name', 'role', 'active', 'createdAt'] as const;
export type UserListItem = Pick<User, (typeof LISTED)[number]>;
const LISTING = selectAsEntity(entityColumnsNamed(User, LISTED), 'u');

/** The users table's owner: its reads and writes, for this feature and the others (password resets, email preferences). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(User);
  }

  /** Accounts made here (sign-up, staff, bootstrap, demo) always have an email; counter walk-ins are `WalkInCustomers`'. */
  create(user: Pick<User, 'name' | 'role' | 'passwordHash'> & { email: string }): Promise<User> {
    return this.repo.save(this.repo.create(user));
  }

  persist(user: User): Promise<User> {
    return this.repo.save(user);
  }

  findById(id: string): Promise<User | null> {
    return this.repo.findOne({ where: { id } });
  }

  findActive(id: string): Promise<User | null> {
    return this.repo.findOne({ where: { id, active: true } });
  }

  /** `email` as stored (normalized). Never an account without an email, whatever is asked. */
  async findByEmail(email: string): Promise<User | null> {
    // TypeORM drops an undefined condition from `where`: without this, a missing email would match anyone.
    if (!email) return null;
    return this.repo.findOne({ where: { email } });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.repo.count({ take: 1 })) === 0;
  }

  countActiveAdmins(): Promise<number> {
    return this.repo.count({ where: { role: 'admin', active: true } });
  }

  /** Locks the user's row for the rest of `m`'s transaction (orders concurrent changes of one account). */
  async lock(m: EntityManager, userId: string): Promise<void> {
    await queryRows(m, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  }

  /** Sets the hash only if it is still `expected`; false when it changed meanwhile. */
  async replacePasswordHash(userId: string, expected: string | null, passwordHash: string): Promise<boolean> {
    const result = await this.repo.update({ id: userId, passwordHash: expected ?? IsNull() }, { passwordHash });
    return Boolean(result.affected);
  }

  /** Whether `id` is an active technician, someone a repair may be assigned to. */
  isActiveTechnician(id: string): Promise<boolean> {
    return this.repo.existsBy({ id, role: 'technician', active: true });
  }

  /** Inside the caller's transaction: the reset's token is spent in the same one. */
  async setPasswordHash(m: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await m.getRepository(User).update({ id: userId }, { passwordHash });
  }

  /** The user's name, read in the caller's transaction; null when there is no such user. */
  async nameOf(m: EntityManager, userId: string): Promise<string | null> {
    const row = await m.createQueryBuilder(User, 'u').select('u.name', 'name').where('u.id = :userId', { userId }).getRawOne<Pick<User, 'name'>>();
    return row?.name ?? null;
  }

  /** Whether the user takes non-essential emails, or null when there is no such user. */
  async emailNonEssential(userId: string): Promise<boolean | null> {
    const row = await this.db
      .createQueryBuilder(User, 'u')
      .select('u.emailNonEssential', 'emailNonEssential')
      .where('u.id = :userId', { userId })
      .getRawOne<Pick<User, 'emailNonEssential'>>();
    return row ? row.emailNonEssential : null;
  }

  /** The stored preference, or null when there is no such user. */
  async setEmailNonEssential(userId: string, emailNonEssential: boolean): Promise<boolean | null> {
    const result = await this.db
      .createQueryBuilder()
      .update(User)
      .set({ emailNonEssential })
      .where('id = :userId', { userId })
      .returning(['emailNonEssential'])
      .execute();
    const [row] = result.raw as { email_non_essential: boolean }[];
    return row ? row.email_non_essential : null;
  }

  /** Newest first; `q` matches email or name, or the digits of a phone number (`phoneFragment`). On the read replica. */
  list(filter: PageRequest & { role?: Role; q?: string }): Promise<Page<UserListItem>> {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter.role) where.push(`u.role = ${p.add(filter.role)}`);
    if (filter.q) {
      const pattern = p.add(containsPattern(filter.q.toLowerCase()));
      where.push(`(u.email LIKE ${pattern} OR lower(u.name) LIKE ${pattern}${orPhoneContains('u.phone', filter.q, p)})`);
    }
    return onReadReplica(this.db, (m) => newestFirstPage(m, { select: LISTING, from: 'users u', alias: 'u', where, p }, filter));
  }
}
