import type { DataSource } from 'typeorm';
import { CUSTOMER_LOOKUP_LIMIT, type CounterCustomer, type CounterDevice } from '@repairhub/contracts';
import { containsPattern, phoneContains, queryRows } from '../common/sql.js';

/**
 * Read model of the counter's customer search: active customers whose name or email contains `q`, or
 * whose phone contains `phone` (digits), exact matches first (`IS TRUE`: a customer without an email
 * would otherwise compare as null, which sorts first); then the devices of those found.
 */
export async function findCounterCustomers(db: DataSource, q: string, phone: string | null): Promise<CounterCustomer[]> {
  const customers = await queryRows<Omit<CounterCustomer, 'devices'>>(
    db,
    `SELECT id, name, email, phone FROM users
      WHERE role = 'customer' AND active
        AND (lower(name) LIKE $1 OR lower(email) LIKE $1 OR ($2::text IS NOT NULL AND ${phoneContains('phone', '$2')}))
      ORDER BY (lower(email) = lower($3) OR lower(name) = lower($3)) IS TRUE DESC, name, id
      LIMIT ${CUSTOMER_LOOKUP_LIMIT}`,
    [containsPattern(q.toLowerCase()), phone, q],
  );
  if (customers.length === 0) return [];
  const devices = await queryRows<CounterDevice & { owner_id: string }>(
    db,
    `SELECT id, owner_id, type, brand, model FROM devices WHERE owner_id = ANY($1::uuid[]) ORDER BY created_at DESC, id`,
    [customers.map((c) => c.id)],
  );
  return customers.map((c) => ({
    ...c,
    devices: devices.filter((d) => d.owner_id === c.id).map(({ id, type, brand, model }) => ({ id, type, brand, model })),
  }));
}
