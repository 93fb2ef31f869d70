import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CounterCustomer } from '@repairhub/contracts';
import { findCounterCustomers } from './customer-lookup.queries.js';

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

  search(q: string): Promise<CounterCustomer[]> {
    return findCounterCustomers(this.db, q, phoneFragment(q));
  }
}
