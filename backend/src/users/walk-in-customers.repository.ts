import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CheckInCustomer } from '@repairhub/contracts';
import { conflict, invalid } from '../common/errors/domain-error.js';
import { normalizePhone } from '../common/identity-text.js';
import { isUniqueViolation, queryRows } from '../common/sql.js';
import { entityColumnsNamed, selectAsEntity } from '../database/entity-columns.js';
import { User } from './user.entity.js';

export interface WalkInCustomer {
  id: string;
  /** Null for a customer who gave only a phone number: nothing is emailed to them. */
  email: string | null;
  name: string;
  emailNonEssential: boolean;
  /** False when created now, or at the counter earlier and never signed in since. */
  hasPassword: boolean;
}

const READ = ['id', 'email', 'name', 'role', 'active', 'phone', 'emailNonEssential'] as const;
type Row = Pick<User, (typeof READ)[number]> & { hasPassword: boolean };
const COLUMNS = `${selectAsEntity(entityColumnsNamed(User, READ), 'users')}, users.password_hash IS NOT NULL AS "hasPassword"`;

const contactMismatch = () =>
  conflict('CHECKIN.CONTACT_MISMATCH', 'This email and this phone number belong to two different customers. Check them with the customer.');

/**
 * Finds the customer behind an email (already normalized by the DTO) or a phone number, or creates one
 * without a password (and without an email when only a phone is given). The email wins over the phone;
 * an email and a phone of two different people, or of a staff account, are refused rather than guessed
 * at. A customer found without an email or a phone gets the one given now.
 */
async function findOrCreateWalkIn(m: EntityManager, input: CheckInCustomer): Promise<WalkInCustomer> {
  const phone = input.phone === undefined ? null : normalizePhone(input.phone);
  if (input.phone !== undefined && phone === null) {
    throw invalid('CHECKIN.PHONE_INVALID', 'phone must be a phone number: 6 to 15 digits, optionally starting with +', 'customer.phone');
  }
  const email = input.email || null;
  if (!email && !phone) throw invalid('CHECKIN.CONTACT_REQUIRED', 'Give the customer’s email or phone number to find or create them.', 'customer.email');

  const byEmail = email ? await one(m, `SELECT ${COLUMNS} FROM users WHERE email = $1 FOR UPDATE`, [email]) : null;
  const byPhone = phone ? await one(m, `SELECT ${COLUMNS} FROM users WHERE phone = $1 FOR UPDATE`, [phone]) : null;
  if (byEmail && byPhone && byEmail.id !== byPhone.id) throw contactMismatch();
  const found = byEmail ?? byPhone;
  if (found) {
    if (found.role !== 'customer') throw conflict('CHECKIN.NOT_A_CUSTOMER', 'This email or phone number belongs to a staff account.');
    if (!found.active) throw conflict('CHECKIN.CUSTOMER_DEACTIVATED', 'This customer’s account is deactivated. Ask an admin to reactivate it.');
    const added: Partial<Pick<User, 'email' | 'phone'>> = {};
    if (phone && !found.phone) added.phone = phone;
    if (email && !found.email) added.email = email;
    if (added.phone || added.email) await addContact(m, found.id, added);
    return toWalkIn({ ...found, ...added });
  }
  // A concurrent check-in of the same person (same email, or same phone) inserts first: this one then
  // waits for it, inserts nothing (whichever unique index it meets) and reads theirs.
  const created = await one(
    m,
    `INSERT INTO users (email, name, role, phone, password_hash) VALUES ($1, $2, 'customer', $3, NULL) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [email, input.name, phone],
  );
  return created ? toWalkIn(created) : findOrCreateWalkIn(m, input);
}

/** An account that took this email or phone since it was looked up is another customer: refused like any mismatch. */
async function addContact(m: EntityManager, id: string, added: Partial<Pick<User, 'email' | 'phone'>>): Promise<void> {
  try {
    await m.getRepository(User).update({ id }, added);
  } catch (error) {
    if (isUniqueViolation(error)) throw contactMismatch();
    throw error;
  }
}

/** The counter's way to an account: the users table's owner finds or creates it, in the check-in's transaction. */
@Injectable()
export class WalkInCustomers {
  findOrCreate(m: EntityManager, input: CheckInCustomer): Promise<WalkInCustomer> {
    return findOrCreateWalkIn(m, input);
  }
}

async function one(m: EntityManager, sql: string, params: unknown[]): Promise<Row | null> {
  const [row] = await queryRows<Row>(m, sql, params);
  return row ?? null;
}

const toWalkIn = (row: Row): WalkInCustomer => ({
  id: row.id,
  email: row.email,
  name: row.name,
  emailNonEssential: row.emailNonEssential,
  hasPassword: row.hasPassword,
});
