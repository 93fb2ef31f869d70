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
import { onReadReplica } from '../database/read-replica.js';
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

  /** Reports read from the replica when one is configured. */
  private onReplica<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return onReadReplica(this.db, (m) => queryRows<T>(m, sql, params));
  }

  async openRequests(): Promise<OpenRequestsView> {
    return toOpenRequestsView(await this.onReplica<OpenRequestsRow>(OPEN_REQUESTS_SQL, [OPEN_REPAIR_STATUSES]));
  }

  async statusDurations(days = DEFAULT_WINDOW_DAYS): Promise<StatusDurationsView> {
    const medians = await this.onReplica<{ status: never; median_seconds: number | null; samples: number }>(STATUS_DURATIONS_SQL, [days]);
    const current = await this.onReplica<{ status: never; count: number }>(CURRENT_STATUS_COUNTS_SQL);
    return toStatusDurationsView(days, medians, current);
  }

  async staleQuotes(hours = STALE_QUOTE_DEFAULT_HOURS, limit = 20): Promise<StaleQuotesView> {
    return toStaleQuotesView(hours, await this.onReplica<StaleQuoteSqlRow>(STALE_QUOTES_SQL, [hours, limit]));
  }

  async weeklyRevenue(weeks = DEFAULT_REVENUE_WEEKS): Promise<WeeklyRevenueView> {
    const weekStarts = await this.onReplica<{ week_start: string }>(REVENUE_WEEKS_SQL, [weeks]);
    const rows = await this.onReplica<WeeklyMoneySqlRow>(WEEKLY_REVENUE_SQL, [weeks]);
    return toWeeklyRevenueView(weeks, weekStarts, rows);
  }
}
