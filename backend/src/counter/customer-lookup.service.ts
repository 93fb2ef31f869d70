import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CounterCustomer } from '@repairhub/contracts';
import { phoneFragment } from '../common/identity-text.js';
import { findCounterCustomers } from './customer-lookup.queries.js';

/** Staff at the counter find the walk-in customer among active customers, with the devices to pick from. */
@Injectable()
export class CustomerLookupService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  search(q: string): Promise<CounterCustomer[]> {
    return findCounterCustomers(this.db, q, phoneFragment(q));
  }
}
