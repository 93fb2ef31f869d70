import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { FINAL_REPAIR_STATUSES, REPAIR_SEARCH_MAX, REPAIR_STATUSES, UNASSIGNED, type RepairStatus, type RepairSummary, type Urgency } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, Notifier, REPAIR_STATUS_LABELS, StatusChip, URGENCIES_MOST_URGENT_FIRST, URGENCY_SHORT_LABELS, cursorList } from '@repairhub/web-core';
import { StaffEvents } from '../../core/staff-events';

const PAGE_SIZE = 50;

/** Admins: every repair, newest first, page by page; search, filters and (re)assignment to an active technician. */
@Component({
  selector: 'rh-console-all-repairs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, EmptyState, ErrorState, Loading, StatusChip],
  template: `
    <div class="page stack">
      <h1>All repairs</h1>
      <form class="row search" role="search" aria-label="Search repairs" (submit)="$event.preventDefault(); q.set(searchBox.value.trim())">
        <div class="field grow">
          <label for="r-q">Ticket number, customer or device</label>
          <input #searchBox id="r-q" type="search" autocomplete="off" placeholder="R-1042, a name, an email, a phone, a brand or model" [maxLength]="searchMax" />
        </div>
        <button type="submit" class="button secondary">Search</button>
      </form>
      <form class="row filters" (submit)="$event.preventDefault()" aria-label="Filter repairs">
        <div class="field">
          <label for="r-status">Status</label>
          <select id="r-status" (change)="status.set($any($event.target).value)">
            <option value="">Any status</option>
            @for (s of statuses; track s) { <option [value]="s">{{ statusLabels[s] }}</option> }
          </select>
        </div>
        <div class="field">
          <label for="r-urgency">Urgency</label>
          <select id="r-urgency" (change)="urgency.set($any($event.target).value)">
            <option value="">Any urgency</option>
            @for (u of urgencies; track u) { <option [value]="u">{{ urgencyLabels[u] }}</option> }
          </select>
        </div>
        <div class="field">
          <label for="r-assignee">Technician</label>
          <select id="r-assignee" (change)="assignee.set($any($event.target).value)">
            <option value="">Anyone</option>
            <option [value]="unassigned">Unassigned</option>
            @for (t of technicians(); track t.id) { <option [value]="t.id">{{ t.name }}</option> }
          </select>
        </div>
      </form>

      @if (repairs.first.error(); as error) {
        <rh-error-state [error]="error" (retry)="repairs.first.reload()" />
      } @else if (!repairs.first.hasValue()) {
        <rh-loading label="Loading repairs…" />
      } @else if (repairs.items().length === 0) {
        <rh-empty-state [message]="q() ? 'No repair matches “' + q() + '”.' : 'No repairs match these filters.'" />
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">Repairs, newest first</caption>
            <thead><tr><th scope="col">Ticket</th><th scope="col">Device</th><th scope="col">Customer</th><th scope="col">Urgency</th><th scope="col">Status</th><th scope="col">Received</th><th scope="col">Technician</th></tr></thead>
            <tbody>
              @for (r of repairs.items(); track r.id) {
                <tr [attr.data-repair]="r.id">
                  <td class="nowrap">{{ r.ticketNumber }}</td>
                  <td><a [routerLink]="['/repairs', r.id]">{{ r.deviceLabel }}</a></td>
                  <td>{{ r.customerName }}</td>
                  <td>{{ urgencyLabels[r.urgency] }}</td>
                  <td><rh-status-chip [status]="r.status" /></td>
                  <td class="nowrap">{{ r.createdAt | date: 'MMM d, HH:mm' }}</td>
                  <td>
                    @if (isFinal(r)) {
                      {{ r.assignedTechnicianName ?? '—' }}
                    } @else {
                      <label class="visually-hidden" [for]="'assign-' + r.id">Technician for {{ r.deviceLabel }} ({{ r.customerName }})</label>
                      <select [id]="'assign-' + r.id" [disabled]="busy() === r.id" (change)="assign(r, $any($event.target))">
                        <option value="" [selected]="!r.assignedTechnicianId" disabled>Unassigned</option>
                        @for (t of technicians(); track t.id) { <option [value]="t.id" [selected]="t.id === r.assignedTechnicianId">{{ t.name }}</option> }
                      </select>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (repairs.hasMore()) {
          <button type="button" class="button secondary" [disabled]="repairs.loadingMore()" (click)="repairs.loadMore()">{{ repairs.loadingMore() ? 'Loading…' : 'Show more' }}<span class="visually-hidden"> repairs</span></button>
        }
      }
    </div>
  `,
  styles: `.filters, .search { gap: 1rem; flex-wrap: wrap; align-items: end; } .grow { flex: 1 1 16rem; } .nowrap { white-space: nowrap; } h1 { margin: 0; }`,
})
export default class AllRepairsPage {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  protected readonly statuses = REPAIR_STATUSES;
  protected readonly urgencies = URGENCIES_MOST_URGENT_FIRST;
  protected readonly statusLabels = REPAIR_STATUS_LABELS;
  protected readonly urgencyLabels = URGENCY_SHORT_LABELS;
  protected readonly unassigned = UNASSIGNED;
  protected readonly status = signal<RepairStatus | ''>('');
  protected readonly urgency = signal<Urgency | ''>('');
  protected readonly assignee = signal('');
  protected readonly busy = signal<string | null>(null);

  protected readonly searchMax = REPAIR_SEARCH_MAX;
  protected readonly q = signal('');

  protected readonly repairs = cursorList({
    params: () => ({
      q: this.q() || undefined,
      status: this.status() || undefined,
      urgency: this.urgency() || undefined,
      assignedTo: this.assignee() || undefined,
      limit: PAGE_SIZE,
    }),
    load: (query) => this.api.repairs.list(query),
  });
  private readonly techniciansPage = rxResource({ stream: () => this.api.users.list({ role: 'technician', limit: 100 }) });
  protected readonly technicians = computed(() => (this.techniciansPage.value()?.items ?? []).filter((u) => u.active));

  constructor() {
    const events = inject(StaffEvents);
    events.on('repair:created', () => this.repairs.first.reload());
    events.on('repair:updated', () => this.repairs.first.reload());
    events.onReconnect(() => this.repairs.first.reload());
  }

  protected isFinal(repair: RepairSummary): boolean {
    return FINAL_REPAIR_STATUSES.includes(repair.status);
  }

  protected assign(repair: RepairSummary, select: HTMLSelectElement): void {
    const technicianId = select.value;
    const name = select.selectedOptions[0]?.textContent?.trim() ?? 'the technician';
    this.busy.set(repair.id);
    this.api.repairs.assign(repair.id, { technicianId }).subscribe({
      next: () => {
        this.busy.set(null);
        this.notifier.success(`${repair.deviceLabel} is now with ${name}.`);
        this.repairs.first.reload();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        select.value = repair.assignedTechnicianId ?? '';
        this.notifier.error(error);
      },
    });
  }
}
