import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** The users table's owner for the writes other features make (password resets, email preferences). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whether `id` is an active technician, someone a repair may be assigned to. */
  isActiveTechnician(id: string): Promise<boolean> {
    return this.db.getRepository(User).existsBy({ id, role: 'technician', active: true });
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
}
