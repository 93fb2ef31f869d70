import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { REPAIR_SEARCH_MAX, REPAIR_STATUSES, UNASSIGNED, type RepairStatus, type RepairSummary, type Urgency } from '@repairhub/contracts';
import {
  ApiClient,
  AuthStore,
  EmptyState,
  ErrorState,
  Loading,
  Notifier,
  REPAIR_STATUS_LABELS,
  StatusChip,
  URGENCIES_MOST_URGENT_FIRST,
  URGENCY_SHORT_LABELS,
  cursorList,
} from '@repairhub/web-core';
import { StaffEvents } from '../../core/staff-events';

/**
 * The technician's queue (unassigned `submitted` requests and their own, most urgent first, then
 * oldest — the server's order) or, for admins, the open requests nobody has taken yet. Stays live.
 */
@Component({
  selector: 'rh-console-queue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, EmptyState, ErrorState, Loading, StatusChip],
  template: `
    <div class="page">
      <h1>Welcome, {{ auth.user()?.name }}</h1>
      <section aria-labelledby="queue-heading">
        <div class="page-head">
          <h2 id="queue-heading">{{ isAdmin() ? 'Unassigned requests' : 'Repair queue' }}</h2>
          <p class="muted live" role="status">{{ liveNote() }}</p>
        </div>
        <form class="filters row" role="search" aria-label="Search the queue" (submit)="$event.preventDefault(); q.set(searchBox.value.trim())">
          <div class="field grow">
            <label for="f-q">Ticket number, customer or device</label>
            <input #searchBox id="f-q" type="search" autocomplete="off" placeholder="R-1042, a name, an email, a phone, a brand or model" [maxLength]="searchMax" />
          </div>
          <button type="submit" class="button secondary">Search</button>
        </form>
        <form class="filters row" (submit)="$event.preventDefault()" aria-label="Filter the queue">
          <div class="field">
            <label for="f-status">Status</label>
            <select id="f-status" [value]="status()" (change)="status.set(value($event))">
              <option value="">Any status</option>
              @for (s of statuses; track s) { <option [value]="s">{{ statusLabels[s] }}</option> }
            </select>
          </div>
          <div class="field">
            <label for="f-urgency">Urgency</label>
            <select id="f-urgency" [value]="urgency()" (change)="urgency.set(value($event))">
              <option value="">Any urgency</option>
              @for (u of urgencies; track u) { <option [value]="u">{{ urgencyLabels[u] }}</option> }
            </select>
          </div>
          <label class="check">
            <input type="checkbox" [checked]="showClosed()" (change)="showClosed.set($any($event.target).checked)" />
            Show completed and cancelled
          </label>
        </form>

        @if (queue.first.error(); as error) {
          <rh-error-state [error]="error" (retry)="queue.first.reload()" />
        } @else if (!queue.first.hasValue()) {
          <rh-loading label="Loading the queue…" />
        } @else if (queue.items().length === 0) {
          <rh-empty-state [message]="filtered() ? 'No requests match these filters.' : 'The queue is empty. New requests appear here as they arrive.'" />
        } @else {
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">Repair requests, most urgent first</caption>
              <thead>
                <tr><th scope="col">Urgency</th><th scope="col">Device and problem</th><th scope="col">Customer</th><th scope="col">Status</th><th scope="col">Received</th><th scope="col">Technician</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
                @for (r of queue.items(); track r.id) {
                  <tr [attr.data-repair]="r.id">
                    <td><span class="urgency" [class]="'urgency urgency-' + r.urgency">{{ urgencyLabels[r.urgency] }}</span></td>
                    <td>
                      <span class="ticket muted">{{ r.ticketNumber }}</span>
                      <a [routerLink]="['/repairs', r.id]">{{ r.deviceLabel }}</a>
                      @if (replies().has(r.id)) { <span class="badge">New reply</span> }
                      <p class="issue muted">{{ r.issueDescription }}</p>
                    </td>
                    <td>{{ r.customerName }}</td>
                    <td><rh-status-chip [status]="r.status" /></td>
                    <td><time [attr.datetime]="r.createdAt">{{ r.createdAt | date: 'MMM d, HH:mm' }}</time></td>
                    <td>{{ r.assignedTechnicianName ?? 'Unassigned' }}</td>
                    <td class="actions">
                      @if (!isAdmin() && !r.assignedTechnicianId && r.status === 'submitted') {
                        <button type="button" class="button primary small" [disabled]="claiming() === r.id" (click)="claim(r)"
                          [attr.aria-label]="'Claim ' + r.deviceLabel + ' for ' + r.customerName">
                          {{ claiming() === r.id ? 'Claiming…' : 'Claim' }}
                        </button>
                      } @else {
                        <a class="button secondary small" [routerLink]="['/repairs', r.id]" [attr.aria-label]="'Open ' + r.deviceLabel + ' for ' + r.customerName">Open</a>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (queue.hasMore()) {
            <button type="button" class="button secondary" (click)="queue.loadMore()">Show more</button>
          }
        }
      </section>
    </div>
  `,
  styles: `
    .filters { gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
    .filters .field { min-width: 12rem; }
    .filters .grow { flex: 1 1 16rem; }
    .filters { align-items: end; }
    .check { display: flex; gap: .5rem; align-items: center; min-height: 2.75rem; }
    .ticket { display: block; font-size: .8125rem; white-space: nowrap; }
    .live { margin: 0; }
    .issue { margin: .25rem 0 0; max-width: 32rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .badge { margin-left: .5rem; padding: .125rem .5rem; border-radius: 999px; background: #0b5cad; color: #fff; font-size: .8125rem; font-weight: 600; }
  `,
})
export default class QueuePage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly auth = inject(AuthStore);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');

  protected readonly statuses = REPAIR_STATUSES;
  protected readonly urgencies = URGENCIES_MOST_URGENT_FIRST;
  protected readonly statusLabels = REPAIR_STATUS_LABELS;
  protected readonly urgencyLabels = URGENCY_SHORT_LABELS;

  protected readonly status = signal<RepairStatus | ''>('');
  protected readonly urgency = signal<Urgency | ''>('');
  protected readonly q = signal('');
  protected readonly searchMax = REPAIR_SEARCH_MAX;
  /** Off by default: the queue is the work still to do. A chosen status is shown whatever this says. */
  protected readonly showClosed = signal(false);
  protected readonly filtered = computed(() => !!this.status() || !!this.urgency() || !!this.q());
  protected readonly claiming = signal<string | null>(null);
  /** Requests whose customer wrote since this screen opened. */
  protected readonly replies = signal<ReadonlySet<string>>(new Set());
  protected readonly liveNote = signal('');
  /** A new first page (other filters, a live event's refetch) drops the rows "Show more" added. */
  protected readonly queue = cursorList({
    params: () => ({
      q: this.q() || undefined,
      status: this.status() || undefined,
      open: this.status() || this.showClosed() ? undefined : true,
      urgency: this.urgency() || undefined,
      assignedTo: this.isAdmin() ? UNASSIGNED : undefined,
      limit: 50,
    }),
    load: (query) => this.api.repairs.list(query),
  });

  constructor() {
    const events = inject(StaffEvents);
    events.on('repair:created', () => {
      this.liveNote.set('A new request arrived.');
      this.queue.first.reload();
    });
    events.on('repair:updated', () => this.queue.first.reload());
    events.onReconnect(() => this.queue.first.reload());
    events.on('conversation:updated', ({ repairRequestId }) => {
      this.replies.update((ids) => new Set(ids).add(repairRequestId));
      this.liveNote.set('A customer replied.');
    });
  }

  protected value(event: Event): never {
    return (event.target as HTMLSelectElement).value as never;
  }

  protected claim(repair: RepairSummary): void {
    this.claiming.set(repair.id);
    this.api.repairs.assign(repair.id).subscribe({
      next: () => {
        this.claiming.set(null);
        this.notifier.success(`You took ${repair.deviceLabel} for ${repair.customerName}.`);
        void this.router.navigate(['/repairs', repair.id]);
      },
      error: (error: unknown) => {
        this.claiming.set(null);
        this.notifier.error(error);
        this.queue.first.reload();
      },
    });
  }
}
