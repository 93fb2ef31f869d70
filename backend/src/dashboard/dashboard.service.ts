import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  OPEN_REPAIR_STATUSES,
  STALE_QUOTE_DEFAULT_HOURS,
  type OpenRequestsView,
  type StaleQuotesView,
  type StatusDurationsView,
  type WeeklyRevenueView,
} from '@repairhub/contracts';
import { queryRows } from '../common/sql.js';
import { DEFAULT_REVENUE_WEEKS, DEFAULT_WINDOW_DAYS } from './dto/dashboard.dto.js';
import {
  toOpenRequestsView,
  toStaleQuotesView,
  toStatusDurationsView,
  toWeeklyRevenueView,
  type OpenRequestsRow,
  type StaleQuoteSqlRow,
  type WeeklyMoneySqlRow,
} from './dashboard.mapper.js';
import {
  CURRENT_STATUS_COUNTS_SQL,
  OPEN_REQUESTS_SQL,
  REVENUE_WEEKS_SQL,
  STALE_QUOTES_SQL,
  STATUS_DURATIONS_SQL,
  WEEKLY_REVENUE_SQL,
} from './dashboard.queries.js';

/** Aggregates for the admin dashboard, each computed by the database in one or two statements. */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async openRequests(): Promise<OpenRequestsView> {
    return toOpenRequestsView(await queryRows<OpenRequestsRow>(this.db, OPEN_REQUESTS_SQL, [OPEN_REPAIR_STATUSES]));
  }

  async statusDurations(days = DEFAULT_WINDOW_DAYS): Promise<StatusDurationsView> {
    const medians = await queryRows<{ status: never; median_seconds: number | null; samples: number }>(this.db, STATUS_DURATIONS_SQL, [days]);
    const current = await queryRows<{ status: never; count: number }>(this.db, CURRENT_STATUS_COUNTS_SQL);
    return toStatusDurationsView(days, medians, current);
  }

  async staleQuotes(hours = STALE_QUOTE_DEFAULT_HOURS, limit = 20): Promise<StaleQuotesView> {
    return toStaleQuotesView(hours, await queryRows<StaleQuoteSqlRow>(this.db, STALE_QUOTES_SQL, [hours, limit]));
  }

  async weeklyRevenue(weeks = DEFAULT_REVENUE_WEEKS): Promise<WeeklyRevenueView> {
    const weekStarts = await queryRows<{ week_start: string }>(this.db, REVENUE_WEEKS_SQL, [weeks]);
    const rows = await queryRows<WeeklyMoneySqlRow>(this.db, WEEKLY_REVENUE_SQL, [weeks]);
    return toWeeklyRevenueView(weeks, weekStarts, rows);
  }
}
