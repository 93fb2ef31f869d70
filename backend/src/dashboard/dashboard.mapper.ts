import {
  OPEN_REPAIR_STATUSES,
  REPAIR_STATUSES,
  URGENCIES,
  type OpenRequestsView,
  type RepairStatus,
  type StaleQuoteRow,
  type StaleQuotesView,
  type StatusDurationsView,
  type Urgency,
  type WeeklyRevenueView,
} from '@repairhub/contracts';

export interface OpenRequestsRow {
  status: RepairStatus;
  urgency: Urgency;
  count: number;
}

/** Cells in workflow order, most urgent first within a status. */
export function toOpenRequestsView(rows: OpenRequestsRow[]): OpenRequestsView {
  const rank = (row: OpenRequestsRow) => REPAIR_STATUSES.indexOf(row.status) * URGENCIES.length + (URGENCIES.length - 1 - URGENCIES.indexOf(row.urgency));
  const cells = [...rows].sort((a, b) => rank(a) - rank(b)).map(({ status, urgency, count }) => ({ status, urgency, count: Number(count) }));
  return { total: cells.reduce((sum, cell) => sum + cell.count, 0), cells };
}

/** Statuses a repair can leave: terminal ones have no duration. */
export const TIMED_STATUSES: readonly RepairStatus[] = OPEN_REPAIR_STATUSES;

export function toStatusDurationsView(
  days: number,
  medians: { status: RepairStatus; median_seconds: number | string | null; samples: number }[],
  current: { status: RepairStatus; count: number }[],
): StatusDurationsView {
  return {
    days,
    rows: TIMED_STATUSES.map((status) => {
      const median = medians.find((row) => row.status === status);
      return {
        status,
        medianSeconds: median?.median_seconds == null ? null : Math.round(Number(median.median_seconds)),
        samples: Number(median?.samples ?? 0),
        current: Number(current.find((row) => row.status === status)?.count ?? 0),
      };
    }),
  };
}

export interface StaleQuoteSqlRow {
  quote_id: string;
  repair_request_id: string;
  customer_name: string;
  device_label: string;
  status: StaleQuoteRow['status'];
  total: number;
  currency: string;
  created_at: Date | string;
  expires_at: Date | string;
  waiting_hours: number;
  total_count: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function toStaleQuotesView(hours: number, rows: StaleQuoteSqlRow[]): StaleQuotesView {
  return {
    hours,
    count: rows.length ? Number(rows[0].total_count) : 0,
    oldest: rows.map((row) => ({
      quoteId: row.quote_id,
      repairRequestId: row.repair_request_id,
      customerName: row.customer_name,
      deviceLabel: row.device_label,
      status: row.status,
      total: Number(row.total),
      currency: row.currency,
      createdAt: iso(row.created_at),
      expiresAt: iso(row.expires_at),
      waitingHours: Number(row.waiting_hours),
    })),
  };
}

export interface WeeklyMoneySqlRow {
  week_start: string;
  currency: string;
  revenue: number | string;
  payments: number;
  refunds: number | string;
  refund_count: number;
}

export function toWeeklyRevenueView(weeks: number, weekStarts: { week_start: string }[], rows: WeeklyMoneySqlRow[]): WeeklyRevenueView {
  return {
    weeks,
    weekStarts: weekStarts.map((w) => w.week_start),
    rows: rows.map((row) => ({
      weekStart: row.week_start,
      currency: row.currency,
      revenue: Number(row.revenue),
      payments: Number(row.payments),
      refunds: Number(row.refunds),
      refundCount: Number(row.refund_count),
    })),
  };
}
