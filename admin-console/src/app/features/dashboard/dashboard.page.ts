import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  OPEN_REPAIR_STATUSES,
  type OpenRequestsView,
  type StatusDurationsView,
  type WeeklyRevenueView,
} from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, MoneyPipe, REPAIR_STATUS_LABELS, URGENCIES_MOST_URGENT_FIRST, URGENCY_SHORT_LABELS, formatMoney } from '@repairhub/web-core';
import { StaffEvents } from '../../core/staff-events';
import { BarChart, type BarSeries } from './bar-chart.component';

/** Colours with at least 3:1 contrast against white, told apart by more than hue alone in the tables. */
const URGENCY_COLORS = { urgent: '#b91c1c', high: '#c2410c', normal: '#1d4ed8', low: '#4b5563' } as const;

/** "3 h 20 min", "2 d 4 h", "45 min". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return 'under 1 min';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Open requests as a status × urgency grid, every open status and urgency present. */
export function openGrid(view: OpenRequestsView) {
  const urgencies = URGENCIES_MOST_URGENT_FIRST;
  return OPEN_REPAIR_STATUSES.map((status) => {
    const counts = urgencies.map((urgency) => view.cells.find((c) => c.status === status && c.urgency === urgency)?.count ?? 0);
    return { status, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
}

/** The weekly money of one currency, one entry per week of the window (quiet weeks are zero). */
export function weeklySeries(view: WeeklyRevenueView, currency: string) {
  return view.weekStarts.map((weekStart) => {
    const row = view.rows.find((r) => r.weekStart === weekStart && r.currency === currency);
    return { weekStart, revenue: row?.revenue ?? 0, refunds: row?.refunds ?? 0, payments: row?.payments ?? 0, refundCount: row?.refundCount ?? 0 };
  });
}

@Component({
  selector: 'rh-console-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, BarChart, EmptyState, ErrorState, Loading, MoneyPipe],
  template: `
    <div class="page stack">
      <div class="page-head">
        <h1>Dashboard</h1>
        <button type="button" class="button secondary small" (click)="reloadAll()">Refresh</button>
      </div>

      <div class="grid">
        <section class="card stack" aria-labelledby="open-heading">
          <h2 id="open-heading">Open requests</h2>
          @if (open.error(); as error) { <rh-error-state [error]="error" (retry)="open.reload()" /> }
          @else if (!open.hasValue()) { <rh-loading label="Counting open requests…" /> }
          @else {
            <p class="big" data-testid="open-total">{{ open.value().total }} open</p>
            <rh-bar-chart [labels]="statusNames(openStatuses)" [series]="openSeries()" [stacked]="true" [integer]="true"
              [summary]="'Open requests by status, stacked by urgency: ' + openSummary()" />
            <table class="table compact">
              <caption class="visually-hidden">Open requests by status and urgency</caption>
              <thead><tr><th scope="col">Status</th>@for (u of urgencyOrder; track u) { <th scope="col">{{ urgencyNames[u] }}</th> }<th scope="col">Total</th></tr></thead>
              <tbody>
                @for (row of openRows(); track row.status) {
                  <tr><th scope="row">{{ statusLabels[row.status] }}</th>@for (n of row.counts; track $index) { <td>{{ n }}</td> }<td><strong>{{ row.total }}</strong></td></tr>
                }
              </tbody>
            </table>
          }
        </section>

        <section class="card stack" aria-labelledby="durations-heading">
          <h2 id="durations-heading">Median time in each status <span class="muted small">(last {{ days }} days)</span></h2>
          @if (durations.error(); as error) { <rh-error-state [error]="error" (retry)="durations.reload()" /> }
          @else if (!durations.hasValue()) { <rh-loading label="Measuring time in status…" /> }
          @else {
            <rh-bar-chart [labels]="statusNames(durationStatuses())" [series]="durationSeries()" [format]="formatHours"
              [summary]="'Median hours per status: ' + durationSummary()" />
            <table class="table compact">
              <caption class="visually-hidden">Median time in each status</caption>
              <thead><tr><th scope="col">Status</th><th scope="col">Median</th><th scope="col">Stints measured</th><th scope="col">Repairs there now</th></tr></thead>
              <tbody>
                @for (row of durations.value().rows; track row.status) {
                  <tr><th scope="row">{{ statusLabels[row.status] }}</th><td>{{ duration(row.medianSeconds) }}</td><td>{{ row.samples }}</td><td>{{ row.current }}</td></tr>
                }
              </tbody>
            </table>
          }
        </section>

        <section class="card stack" aria-labelledby="stale-heading">
          <h2 id="stale-heading">Quotes waiting over 48 hours</h2>
          @if (stale.error(); as error) { <rh-error-state [error]="error" (retry)="stale.reload()" /> }
          @else if (!stale.hasValue()) { <rh-loading label="Looking for waiting quotes…" /> }
          @else if (stale.value().count === 0) { <rh-empty-state message="No quote has waited for the customer longer than 48 hours." /> }
          @else {
            <p class="big" data-testid="stale-count">{{ stale.value().count }} waiting</p>
            <table class="table compact">
              <caption class="visually-hidden">The longest-waiting quotes</caption>
              <thead><tr><th scope="col">Repair</th><th scope="col">Total</th><th scope="col">Waiting</th><th scope="col">Expires</th></tr></thead>
              <tbody>
                @for (q of stale.value().oldest; track q.quoteId) {
                  <tr>
                    <td><a [routerLink]="['/repairs', q.repairRequestId]">{{ q.deviceLabel }}</a> — {{ q.customerName }}</td>
                    <td>{{ q.total | money: q.currency }}</td>
                    <td>{{ duration(q.waitingHours * 3600) }}</td>
                    <td class="nowrap">{{ q.expiresAt | date: 'MMM d' }}</td>
                  </tr>
                }
              </tbody>
            </table>
          }
        </section>

        <section class="card stack" aria-labelledby="revenue-heading">
          <h2 id="revenue-heading">Revenue and refunds per week</h2>
          @if (revenue.error(); as error) { <rh-error-state [error]="error" (retry)="revenue.reload()" /> }
          @else if (!revenue.hasValue()) { <rh-loading label="Adding up payments…" /> }
          @else if (currencies().length === 0) { <rh-empty-state message="No payments or refunds in the last 12 weeks." /> }
          @else {
            @if (currencies().length > 1) {
              <div class="field narrow">
                <label for="dash-currency">Currency</label>
                <select id="dash-currency" (change)="currency.set($any($event.target).value)">
                  @for (c of currencies(); track c) { <option [value]="c" [selected]="c === shownCurrency()">{{ c.toUpperCase() }}</option> }
                </select>
              </div>
            }
            <rh-bar-chart [labels]="weekLabels()" [series]="moneySeries()" [format]="formatMoneyTick()"
              [summary]="'Revenue and refunds per week in ' + shownCurrency().toUpperCase()" />
            <table class="table compact">
              <caption class="visually-hidden">Revenue and refunds per week in {{ shownCurrency().toUpperCase() }}</caption>
              <thead><tr><th scope="col">Week of</th><th scope="col">Revenue</th><th scope="col">Payments</th><th scope="col">Refunds</th></tr></thead>
              <tbody>
                @for (w of weeks(); track w.weekStart) {
                  @if (w.revenue || w.refunds) {
                    <tr [attr.data-week]="w.weekStart">
                      <th scope="row">{{ w.weekStart | date: 'MMM d' : 'UTC' }}</th>
                      <td data-testid="week-revenue">{{ w.revenue | money: shownCurrency() }}</td>
                      <td>{{ w.payments }}</td>
                      <td data-testid="week-refunds">{{ w.refunds | money: shownCurrency() }} @if (w.refundCount) { <span class="muted">({{ w.refundCount }})</span> }</td>
                    </tr>
                  }
                }
              </tbody>
            </table>
          }
        </section>
      </div>
    </div>
  `,
  styles: `
    .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); align-items: start; }
    .big { font-size: 1.5rem; font-weight: 700; margin: 0; }
    .small { font-size: .875rem; font-weight: 400; }
    .narrow { max-width: 12rem; }
    h2 { margin: 0; }
  `,
})
export default class DashboardPage {
  private readonly api = inject(ApiClient);
  protected readonly days = 90;
  protected readonly statusLabels = REPAIR_STATUS_LABELS;
  protected readonly urgencyOrder = URGENCIES_MOST_URGENT_FIRST;
  protected readonly urgencyNames = URGENCY_SHORT_LABELS;
  protected readonly openStatuses = OPEN_REPAIR_STATUSES;
  protected readonly duration = formatDuration;
  protected readonly formatHours = (hours: number) => `${hours} h`;

  protected readonly open = rxResource({ stream: () => this.api.dashboard.openRequests() });
  protected readonly durations = rxResource({ stream: () => this.api.dashboard.statusDurations(this.days) });
  protected readonly stale = rxResource({ stream: () => this.api.dashboard.staleQuotes() });
  protected readonly revenue = rxResource({ stream: () => this.api.dashboard.revenue(12) });

  protected readonly openRows = computed(() => (this.open.hasValue() ? openGrid(this.open.value()) : []));
  protected readonly openSeries = computed<BarSeries[]>(() =>
    this.urgencyOrder.map((urgency, i) => ({ label: URGENCY_SHORT_LABELS[urgency], color: URGENCY_COLORS[urgency], values: this.openRows().map((row) => row.counts[i]) })),
  );
  protected readonly openSummary = computed(() => this.openRows().map((row) => `${REPAIR_STATUS_LABELS[row.status]} ${row.total}`).join(', '));

  protected readonly durationStatuses = computed(() => (this.durations.value() as StatusDurationsView | undefined)?.rows.map((r) => r.status) ?? []);
  protected readonly durationSeries = computed<BarSeries[]>(() => [
    {
      label: 'Median hours',
      color: '#1d4ed8',
      values: (this.durations.value()?.rows ?? []).map((r) => (r.medianSeconds === null ? 0 : Math.round((r.medianSeconds / 3600) * 10) / 10)),
    },
  ]);
  protected readonly durationSummary = computed(() =>
    (this.durations.value()?.rows ?? []).map((r) => `${REPAIR_STATUS_LABELS[r.status]} ${formatDuration(r.medianSeconds)}`).join(', '),
  );

  protected readonly currency = signal<string | null>(null);
  protected readonly currencies = computed(() => [...new Set((this.revenue.value()?.rows ?? []).map((r) => r.currency))].sort());
  /** The chosen currency, else the one with the most payments. */
  protected readonly shownCurrency = computed(() => {
    const chosen = this.currency();
    if (chosen && this.currencies().includes(chosen)) return chosen;
    const rows = this.revenue.value()?.rows ?? [];
    const count = (c: string) => rows.filter((r) => r.currency === c).reduce((n, r) => n + r.payments + r.refundCount, 0);
    return [...this.currencies()].sort((a, b) => count(b) - count(a))[0] ?? 'usd';
  });
  protected readonly weeks = computed(() => (this.revenue.hasValue() ? weeklySeries(this.revenue.value(), this.shownCurrency()) : []));
  protected readonly weekLabels = computed(() =>
    this.weeks().map((w) => new Date(`${w.weekStart}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })),
  );
  protected readonly moneySeries = computed<BarSeries[]>(() => [
    { label: 'Revenue', color: '#15803d', values: this.weeks().map((w) => w.revenue) },
    { label: 'Refunds', color: '#b91c1c', values: this.weeks().map((w) => w.refunds) },
  ]);
  protected readonly formatMoneyTick = computed(() => {
    const currency = this.shownCurrency();
    return (minor: number) => formatMoney(minor, currency);
  });

  constructor() {
    const events = inject(StaffEvents);
    events.on('repair:created', () => this.open.reload());
    events.on('repair:updated', () => this.reloadAll());
    events.onReconnect(() => this.reloadAll());
  }

  protected statusNames(statuses: readonly string[]): string[] {
    return statuses.map((s) => REPAIR_STATUS_LABELS[s as keyof typeof REPAIR_STATUS_LABELS] ?? s);
  }

  protected reloadAll(): void {
    this.open.reload();
    this.durations.reload();
    this.stale.reload();
    this.revenue.reload();
  }
}
