import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { onReadReplica } from '../database/read-replica.js';
import type { OpenRequestsRow, StaleQuoteSqlRow, WeeklyMoneySqlRow } from './dashboard.mapper.js';

/**
 * The dashboard's read model. Each statement returns aggregates only (GROUP BY, ordered-set aggregates,
 * window functions): the database does the counting, no repair or payment rows travel to Node.
 */

/** Open requests counted per (status, urgency). $1: the open statuses. */
const OPEN_REQUESTS_SQL = `
  SELECT r.status, r.urgency, count(*)::int AS count
    FROM repair_requests r
   WHERE r.status = ANY($1::text[])
   GROUP BY r.status, r.urgency`;

/**
 * Median time spent in each status. A stint starts at a history row that changed the status and ends
 * at the next such row of the same repair (lead() over the repair's history in `seq` order); rows
 * that keep the status (a quote re-issued while `quoted`) do not split a stint. Only stints that
 * ended inside the window count. $1: window in days.
 */
const STATUS_DURATIONS_SQL = `
  WITH changes AS (
    SELECT h.repair_request_id, h.seq, h.to_status, h.created_at
      FROM repair_status_history h
     WHERE h.from_status IS DISTINCT FROM h.to_status
       AND h.repair_request_id IN (
         SELECT w.repair_request_id FROM repair_status_history w WHERE w.created_at >= now() - $1 * interval '1 day'
       )
  ), stints AS (
    SELECT c.to_status AS status,
           c.created_at AS entered_at,
           lead(c.created_at) OVER (PARTITION BY c.repair_request_id ORDER BY c.seq) AS left_at
      FROM changes c
  ), ended AS (
    SELECT s.status, extract(epoch FROM s.left_at - s.entered_at)::float8 AS seconds
      FROM stints s
     WHERE s.left_at IS NOT NULL AND s.left_at >= now() - $1 * interval '1 day'
  )
  SELECT e.status,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY e.seconds)::float8 AS median_seconds,
         count(*)::int AS samples
    FROM ended e
   GROUP BY e.status`;

/** How many repairs are in each status right now. */
const CURRENT_STATUS_COUNTS_SQL = `
  SELECT r.status, count(*)::int AS count FROM repair_requests r GROUP BY r.status`;

/**
 * Open quotes the customer has not acted on for more than $1 hours (a pending quote past its expiry
 * no longer waits: it reads as expired). The total comes from count(*) OVER (), computed before the
 * LIMIT, so one statement gives the count and the oldest $2.
 */
const STALE_QUOTES_SQL = `
  SELECT q.id AS quote_id,
         q.repair_request_id,
         u.name AS customer_name,
         d.brand || ' ' || d.model AS device_label,
         q.status,
         q.total,
         q.currency,
         q.created_at,
         q.expires_at,
         floor(extract(epoch FROM now() - q.created_at) / 3600)::int AS waiting_hours,
         count(*) OVER ()::int AS total_count
    FROM quotes q
    JOIN repair_requests r ON r.id = q.repair_request_id
    JOIN users u ON u.id = r.customer_id
    JOIN devices d ON d.id = r.device_id
   WHERE q.status IN ('pending', 'payment_pending')
     AND q.created_at <= now() - $1 * interval '1 hour'
     AND (q.status <> 'pending' OR q.expires_at > now())
   ORDER BY q.created_at, q.id
   LIMIT $2`;

/** The Mondays (UTC) of the last $1 weeks, oldest first. */
const REVENUE_WEEKS_SQL = `
  SELECT to_char(g.week, 'YYYY-MM-DD') AS week_start
    FROM generate_series(
           date_trunc('week', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 week',
           date_trunc('week', now() AT TIME ZONE 'UTC'),
           interval '1 week') AS g(week)
   ORDER BY g.week`;

/**
 * Money per ISO week (UTC) and currency over the last $1 weeks: revenue is what payments that took
 * the money (succeeded, or refunded later) charged, by the week the payment was made; refunds are the
 * confirmed refunds by the week they were asked for. Currencies are never added together.
 */
const WEEKLY_REVENUE_SQL = `
  WITH bounds AS (
    SELECT (date_trunc('week', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 week') AT TIME ZONE 'UTC' AS since
  ), paid AS (
    SELECT date_trunc('week', p.created_at AT TIME ZONE 'UTC') AS week, p.currency,
           sum(p.amount)::bigint AS revenue, count(*)::int AS payments
      FROM payments p CROSS JOIN bounds b
     WHERE p.status IN ('succeeded', 'refunded') AND p.created_at >= b.since
     GROUP BY 1, 2
  ), refunded AS (
    SELECT date_trunc('week', r.created_at AT TIME ZONE 'UTC') AS week, p.currency,
           sum(r.amount)::bigint AS refunds, count(*)::int AS refund_count
      FROM refunds r
      JOIN payments p ON p.id = r.payment_id
      CROSS JOIN bounds b
     WHERE r.status = 'succeeded' AND r.created_at >= b.since
     GROUP BY 1, 2
  )
  SELECT to_char(week, 'YYYY-MM-DD') AS week_start, currency,
         coalesce(paid.revenue, 0) AS revenue, coalesce(paid.payments, 0) AS payments,
         coalesce(refunded.refunds, 0) AS refunds, coalesce(refunded.refund_count, 0) AS refund_count
    FROM paid FULL JOIN refunded USING (week, currency)
   ORDER BY week, currency`;

/** The dashboard's aggregates, read from the replica when one is configured. */
@Injectable()
export class DashboardQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private onReplica<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return onReadReplica(this.db, (m) => queryRows<T>(m, sql, params));
  }

  openRequests(openStatuses: readonly string[]): Promise<OpenRequestsRow[]> {
    return this.onReplica(OPEN_REQUESTS_SQL, [openStatuses]);
  }

  statusDurationMedians<S>(days: number): Promise<{ status: S; median_seconds: number | null; samples: number }[]> {
    return this.onReplica(STATUS_DURATIONS_SQL, [days]);
  }

  currentStatusCounts<S>(): Promise<{ status: S; count: number }[]> {
    return this.onReplica(CURRENT_STATUS_COUNTS_SQL);
  }

  staleQuotes(hours: number, limit: number): Promise<StaleQuoteSqlRow[]> {
    return this.onReplica(STALE_QUOTES_SQL, [hours, limit]);
  }

  revenueWeeks(weeks: number): Promise<{ week_start: string }[]> {
    return this.onReplica(REVENUE_WEEKS_SQL, [weeks]);
  }

  weeklyRevenue(weeks: number): Promise<WeeklyMoneySqlRow[]> {
    return this.onReplica(WEEKLY_REVENUE_SQL, [weeks]);
  }
}
