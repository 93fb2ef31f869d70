import { Injectable } from '@nestjs/common';
import {
  OPEN_REPAIR_STATUSES,
  STALE_QUOTE_DEFAULT_HOURS,
  type OpenRequestsView,
  type StaleQuotesView,
  type StatusDurationsView,
  type WeeklyRevenueView,
} from '@repairhub/contracts';
import { DEFAULT_REVENUE_WEEKS, DEFAULT_WINDOW_DAYS } from './dto/dashboard.dto.js';
import { toOpenRequestsView, toStaleQuotesView, toStatusDurationsView, toWeeklyRevenueView } from './dashboard.mapper.js';
import { DashboardQueries } from './dashboard.queries.js';

/** Aggregates for the admin dashboard, each computed by the database in one or two statements. */
@Injectable()
export class DashboardService {
  constructor(private readonly queries: DashboardQueries) {}

  async openRequests(): Promise<OpenRequestsView> {
    return toOpenRequestsView(await this.queries.openRequests(OPEN_REPAIR_STATUSES));
  }

  async statusDurations(days = DEFAULT_WINDOW_DAYS): Promise<StatusDurationsView> {
    const medians = await this.queries.statusDurationMedians<never>(days);
    const current = await this.queries.currentStatusCounts<never>();
    return toStatusDurationsView(days, medians, current);
  }

  async staleQuotes(hours = STALE_QUOTE_DEFAULT_HOURS, limit = 20): Promise<StaleQuotesView> {
    return toStaleQuotesView(hours, await this.queries.staleQuotes(hours, limit));
  }

  async weeklyRevenue(weeks = DEFAULT_REVENUE_WEEKS): Promise<WeeklyRevenueView> {
    const weekStarts = await this.queries.revenueWeeks(weeks);
    const rows = await this.queries.weeklyRevenue(weeks);
    return toWeeklyRevenueView(weeks, weekStarts, rows);
  }
}
