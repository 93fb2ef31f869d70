import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CUSTOMER_LOOKUP_LIMIT, type CounterCustomer, type CounterDevice } from '@repairhub/contracts';
import { queryRows } from '../common/sql.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The digits to look for in stored phone numbers, which are kept compact with their country code:
 * leading zeros (a trunk or international prefix) are dropped so "07946 0958" finds "+447946…".
 */
export function phoneFragment(q: string): string | null {
  if (!/^[\s\d+.\-()/]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 4 ? digits : null;
}

/** Staff at the counter find the walk-in customer among active customers, with the devices to pick from. */
@Injectable()
export class CustomerLookupService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(q: string): Promise<CounterCustomer[]> {
    const text = `%${escapeLike(q.toLowerCase())}%`;
    const phone = phoneFragment(q);
    const customers = await queryRows<{ id: string; name: string; email: string; phone: string | null }>(
      this.db,
      `SELECT id, name, email, phone FROM users
        WHERE role = 'customer' AND active
          AND (lower(name) LIKE $1 OR lower(email) LIKE $1 OR ($2::text IS NOT NULL AND regexp_replace(coalesce(phone, ''), '\\D', '', 'g') LIKE '%' || $2 || '%'))
        ORDER BY (lower(email) = lower($3) OR lower(name) = lower($3)) DESC, name, id
        LIMIT ${CUSTOMER_LOOKUP_LIMIT}`,
      [text, phone, q],
    );
    if (customers.length === 0) return [];
    const devices = await queryRows<CounterDevice & { owner_id: string }>(
      this.db,
      `SELECT id, owner_id, type, brand, model FROM devices WHERE owner_id = ANY($1::uuid[]) ORDER BY created_at DESC, id`,
      [customers.map((c) => c.id)],
    );
    return customers.map((c) => ({
      ...c,
      devices: devices.filter((d) => d.owner_id === c.id).map(({ id, type, brand, model }) => ({ id, type, brand, model })),
    }));
  }
}
