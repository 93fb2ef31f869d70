import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ROLES, type Role } from '@repairhub/contracts';
import { oneOf } from '../database/checks.js';

@Entity('users')
@Check('users_role_check', oneOf('role', ROLES))
// A walk-in customer may give only a phone number; staff sign in by email.
@Check('users_contact_check', 'email IS NOT NULL OR phone IS NOT NULL')
@Check('users_staff_email_check', "role = 'customer' OR email IS NOT NULL")
@Index('users_role_created_idx', ['role', 'createdAt', 'id'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Stored as `normalizeEmail` gives it (NFKC, lower case, IDNA ASCII domain); unique in that form. Null
   * for a customer checked in at the counter with only a phone number: no email is ever written to them.
   */
  @Column({ type: 'text', nullable: true })
  @Index('users_email_key', { unique: true })
  // Trigram index for staff search; an expression index TypeORM cannot describe (ticket-numbers migration).
  @Index('users_email_trgm_idx', { synchronize: false })
  email: string | null;

  @Column({ type: 'text' })
  @Index('users_name_trgm_idx', { synchronize: false })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** Null for a customer checked in at the counter until they accept the invitation. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  /** Digits with an optional leading `+` (`normalizePhone`); unique when set. */
  @Column({ type: 'text', nullable: true })
  @Index('users_phone_key', { unique: true, where: 'phone IS NOT NULL' })
  // Trigram index on the number's digits for staff search (phone-search-index migration).
  @Index('users_phone_digits_trgm_idx', { synchronize: false })
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
