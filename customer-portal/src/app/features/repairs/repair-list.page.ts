import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { REPAIR_STATUSES, URGENCIES, type RepairStatus, type Urgency } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, REPAIR_STATUS_LABELS, StatusChip, URGENCY_LABELS, cursorList } from '@repairhub/web-core';

const PAGE_SIZE = 20;

@Component({
  selector: 'rh-repair-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DatePipe, StatusChip, Loading, ErrorState, EmptyState],
  template: `
    <div class="page">
      <div class="page-head">
        <h1>My repairs</h1>
        <a class="button primary" routerLink="/repairs/new">New repair request</a>
      </div>

      <form class="filters" aria-label="Filter repairs" (submit)="$event.preventDefault()">
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" [value]="status() ?? ''" (change)="filter('status', $any($event.target).value)">
            <option value="">All statuses</option>
            @for (s of statuses; track s) {
              <option [value]="s">{{ statusLabels[s] }}</option>
            }
          </select>
        </div>
        <div class="field">
          <label for="filter-urgency">Urgency</label>
          <select id="filter-urgency" [value]="urgency() ?? ''" (change)="filter('urgency', $any($event.target).value)">
            <option value="">Any urgency</option>
            @for (u of urgencies; track u) {
              <option [value]="u">{{ urgencyLabels[u] }}</option>
            }
          </select>
        </div>
      </form>

      @if (repairs.first.isLoading() && !repairs.first.hasValue()) {
        <rh-loading label="Loading your repairs…" />
      } @else if (repairs.first.error()) {
        <rh-error-state title="We couldn't load your repairs" [error]="repairs.first.error()" (retry)="repairs.first.reload()" />
      } @else if (repairs.first.hasValue()) {
        @if (repairs.items().length === 0) {
          @if (filtered()) {
            <rh-empty-state message="No repairs match these filters.">
              <button type="button" class="button secondary" (click)="clearFilters()">Show all repairs</button>
            </rh-empty-state>
          } @else {
            <rh-empty-state message="You have no repair requests yet. Tell us what's wrong and a technician will send you a quote.">
              <a class="button primary" routerLink="/repairs/new">Request a repair</a>
            </rh-empty-state>
          }
        } @else {
          <ul class="list" aria-label="Repairs">
            @for (repair of repairs.items(); track repair.id) {
              <li>
                <a class="card item" [routerLink]="['/repairs', repair.id]">
                  <span class="top">
                    <span class="device">{{ repair.deviceLabel }}</span>
                    <rh-status-chip [status]="repair.status" />
                  </span>
                  <span class="issue">{{ repair.issueDescription }}</span>
                  <span class="meta">{{ repair.ticketNumber }} · Updated {{ repair.updatedAt | date: 'MMM d, y, HH:mm' }} · {{ urgencyLabels[repair.urgency] }}</span>
                </a>
              </li>
            }
          </ul>
          @if (repairs.hasMore()) {
            <button type="button" class="button secondary more" (click)="repairs.loadMore()" [disabled]="repairs.loadingMore()">
              {{ repairs.loadingMore() ? 'Loading…' : 'Show more' }}
            </button>
          }
        }
      }
    </div>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 1rem; }
    .filters .field { min-width: 12rem; flex: 1; max-width: 18rem; }
    .list { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
    .item { display: grid; gap: .375rem; color: inherit; text-decoration: none; }
    .item:hover { border-color: var(--primary-border); }
    .top { display: flex; justify-content: space-between; gap: .75rem; align-items: center; }
    .device { font-weight: 700; font-size: 1.0625rem; }
    .issue { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    .meta { font-size: .875rem; color: var(--text-muted); }
    .more { justify-self: center; }
  `,
})
export default class RepairListPage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  /** Filters live in the URL (`?status=&urgency=`), so they survive reloads and the back button. */
  readonly status = input<RepairStatus>();
  readonly urgency = input<Urgency>();

  protected readonly statuses = REPAIR_STATUSES;
  protected readonly urgencies = URGENCIES;
  protected readonly statusLabels = REPAIR_STATUS_LABELS;
  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly filtered = computed(() => !!this.status() || !!this.urgency());

  protected readonly repairs = cursorList({
    params: () => ({ status: this.validStatus(), urgency: this.validUrgency() }),
    load: (query) => this.api.repairs.list({ ...query, limit: PAGE_SIZE }),
  });

  private validStatus(): RepairStatus | undefined {
    const status = this.status();
    return status && (REPAIR_STATUSES as readonly string[]).includes(status) ? status : undefined;
  }

  private validUrgency(): Urgency | undefined {
    const urgency = this.urgency();
    return urgency && (URGENCIES as readonly string[]).includes(urgency) ? urgency : undefined;
  }

  protected filter(name: 'status' | 'urgency', value: string): void {
    void this.router.navigate([], { queryParams: { [name]: value || null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected clearFilters(): void {
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }
}
