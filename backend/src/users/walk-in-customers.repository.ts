import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CheckInCustomer } from '@repairhub/contracts';
import { conflict, invalid } from '../common/errors/domain-error.js';
import { normalizePhone } from '../common/identity-text.js';
import { queryRows } from '../common/sql.js';
import { entityColumnsNamed, selectAsEntity } from '../database/entity-columns.js';
import { User } from './user.entity.js';

export interface WalkInCustomer {
  id: string;
  email: string;
  name: string;
  emailNonEssential: boolean;
  /** Created now, or created earlier at the counter and never signed in: send the invitation. */
  needsInvitation: boolean;
}

const READ = ['id', 'email', 'name', 'role', 'active', 'phone', 'emailNonEssential'] as const;
type Row = Pick<User, (typeof READ)[number]> & { hasPassword: boolean };
const COLUMNS = `${selectAsEntity(entityColumnsNamed(User, READ), 'users')}, users.password_hash IS NOT NULL AS "hasPassword"`;

/**
 * Finds the customer behind an email (already normalized by the DTO) or a phone number, or creates one
 * without a password. The email wins over the phone; an email and a phone of two different people, or
 * of a staff account, are refused rather than guessed at.
 */
async function findOrCreateWalkIn(m: EntityManager, input: CheckInCustomer): Promise<WalkInCustomer> {
  const phone = input.phone === undefined ? null : normalizePhone(input.phone);
  if (input.phone !== undefined && phone === null) {
    throw invalid('CHECKIN.PHONE_INVALID', 'phone must be a phone number: 6 to 15 digits, optionally starting with +', 'customer.phone');
  }
  if (!input.email && !phone) throw invalid('CHECKIN.CONTACT_REQUIRED', 'Give the customer’s email or phone number to find or create them.', 'customer.email');

  const byEmail = input.email ? await one(m, `SELECT ${COLUMNS} FROM users WHERE email = $1 FOR UPDATE`, [input.email]) : null;
  const byPhone = phone ? await one(m, `SELECT ${COLUMNS} FROM users WHERE phone = $1 FOR UPDATE`, [phone]) : null;
  if (byEmail && byPhone && byEmail.id !== byPhone.id) {
    throw conflict('CHECKIN.CONTACT_MISMATCH', 'This email and this phone number belong to two different customers. Check them with the customer.');
  }
  const found = byEmail ?? byPhone;
  if (found) {
    if (found.role !== 'customer') throw conflict('CHECKIN.NOT_A_CUSTOMER', 'This email or phone number belongs to a staff account.');
    if (!found.active) throw conflict('CHECKIN.CUSTOMER_DEACTIVATED', 'This customer’s account is deactivated. Ask an admin to reactivate it.');
    if (phone && !found.phone) await m.getRepository(User).update({ id: found.id }, { phone });
    return toWalkIn(found, !found.hasPassword);
  }
  if (!input.email) {
    throw invalid('CHECKIN.EMAIL_REQUIRED', 'No customer has this phone number. Add their email: the invitation to their account goes there.', 'customer.email');
  }
  // A concurrent check-in of the same person inserts first: this one then waits for it, inserts nothing and reads theirs.
  const created = await one(
    m,
    `INSERT INTO users (email, name, role, phone, password_hash) VALUES ($1, $2, 'customer', $3, NULL) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [input.email, input.name, phone],
  );
  return created ? toWalkIn(created, true) : findOrCreateWalkIn(m, input);
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

const toWalkIn = (row: Row, needsInvitation: boolean): WalkInCustomer => ({
  id: row.id,
  email: row.email,
  name: row.name,
  emailNonEssential: row.emailNonEssential,
  needsInvitation,
});
