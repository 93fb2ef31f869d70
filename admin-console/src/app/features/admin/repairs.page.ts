import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { FINAL_REPAIR_STATUSES, REPAIR_STATUSES, UNASSIGNED, type RepairStatus, type RepairSummary, type Urgency } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, Notifier, REPAIR_STATUS_LABELS, StatusChip, URGENCIES_MOST_URGENT_FIRST, URGENCY_SHORT_LABELS } from '@repairhub/web-core';
import { StaffEvents } from '../../core/staff-events';

/** Admins: every repair, newest first, with filters and (re)assignment to an active technician. */
@Component({
  selector: 'rh-console-all-repairs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, EmptyState, ErrorState, Loading, StatusChip],
  template: `
    <div class="page stack">
      <h1>All repairs</h1>
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

      @if (repairs.error(); as error) {
        <rh-error-state [error]="error" (retry)="repairs.reload()" />
      } @else if (!repairs.hasValue()) {
        <rh-loading label="Loading repairs…" />
      } @else if (repairs.value().items.length === 0) {
        <rh-empty-state message="No repairs match these filters." />
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">Repairs, newest first</caption>
            <thead><tr><th scope="col">Device</th><th scope="col">Customer</th><th scope="col">Urgency</th><th scope="col">Status</th><th scope="col">Received</th><th scope="col">Technician</th></tr></thead>
            <tbody>
              @for (r of repairs.value().items; track r.id) {
                <tr [attr.data-repair]="r.id">
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
        @if (repairs.value().nextCursor) {
          <p class="muted">Showing the newest 100. Narrow the filters to find older repairs.</p>
        }
      }
    </div>
  `,
  styles: `.filters { gap: 1rem; flex-wrap: wrap; } h1 { margin: 0; }`,
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

  protected readonly repairs = rxResource({
    params: () => ({ status: this.status() || undefined, urgency: this.urgency() || undefined, assignedTo: this.assignee() || undefined, limit: 100 }),
    stream: ({ params }) => this.api.repairs.list(params),
  });
  private readonly techniciansPage = rxResource({ stream: () => this.api.users.list({ role: 'technician', limit: 100 }) });
  protected readonly technicians = computed(() => (this.techniciansPage.value()?.items ?? []).filter((u) => u.active));

  constructor() {
    const events = inject(StaffEvents);
    events.on('repair:created', () => this.repairs.reload());
    events.on('repair:updated', () => this.repairs.reload());
    events.onReconnect(() => this.repairs.reload());
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
        this.repairs.reload();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        select.value = repair.assignedTechnicianId ?? '';
        this.notifier.error(error);
      },
    });
  }
}
