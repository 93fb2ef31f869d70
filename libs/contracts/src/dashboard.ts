import type { QuoteStatus, RepairStatus, Urgency } from './enums.js';

/** Repair statuses that still need work or a decision: the dashboard's "open" requests. */
export const OPEN_REPAIR_STATUSES: readonly RepairStatus[] = ['submitted', 'quoted', 'approved', 'in_progress'];

/** A quote counts as stale once it has waited this long for the customer. */
export const STALE_QUOTE_DEFAULT_HOURS = 48;

/** `GET /dashboard/open-requests`: open requests counted by status × urgency (empty cells left out). */
export interface OpenRequestsView {
  total: number;
  cells: { status: RepairStatus; urgency: Urgency; count: number }[];
}

export interface StatusDurationRow {
  status: RepairStatus;
  /** Median seconds a repair spent in the status before leaving it (null without samples). */
  medianSeconds: number | null;
  /** Stints that ended inside the window. */
  samples: number;
  /** Repairs in the status right now. */
  current: number;
}

/** `GET /dashboard/status-durations`: the statuses a repair leaves again, in workflow order. */
export interface StatusDurationsView {
  days: number;
  rows: StatusDurationRow[];
}

export interface StaleQuoteRow {
  quoteId: string;
  repairRequestId: string;
  customerName: string;
  deviceLabel: string;
  status: Extract<QuoteStatus, 'pending' | 'payment_pending'>;
  total: number;
  currency: string;
  createdAt: string;
  expiresAt: string;
  waitingHours: number;
}

/** `GET /dashboard/stale-quotes`: open quotes waiting for the customer longer than `hours`. */
export interface StaleQuotesView {
  hours: number;
  count: number;
  /** The oldest first, at most `limit` of them. */
  oldest: StaleQuoteRow[];
}

export interface WeeklyMoneyRow {
  /** Monday of the ISO week, UTC, `YYYY-MM-DD`. */
  weekStart: string;
  currency: string;
  /** Minor units charged by payments made that week that took the money (succeeded, or refunded since). */
  revenue: number;
  payments: number;
  /** Minor units of confirmed refunds asked for that week. */
  refunds: number;
  refundCount: number;
}

/** `GET /dashboard/revenue`: every week of the window per currency that had money move, oldest first. */
export interface WeeklyRevenueView {
  weeks: number;
  /** Every week of the window, oldest first, so charts show quiet weeks as zero. */
  weekStarts: string[];
  rows: WeeklyMoneyRow[];
}

export interface DashboardWindowQuery {
  days?: number;
}

export interface StaleQuotesQuery {
  hours?: number;
  limit?: number;
}

export interface RevenueQuery {
  weeks?: number;
}
