import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@repairhub/contracts';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored as `normalizeEmail` gives it (NFKC, lower case, IDNA ASCII domain); unique in that form. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** Null for a customer checked in at the counter until they accept the invitation. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  /** Digits with an optional leading `+` (`normalizePhone`); unique when set. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Quote reminders and chat emails; essential ones ignore it. */
  @Column({ type: 'boolean', default: true })
  emailNonEssential: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
