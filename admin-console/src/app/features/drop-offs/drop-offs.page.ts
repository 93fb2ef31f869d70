import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { formatLocalDate, type DropOffDayView } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, StatusChip } from '@repairhub/web-core';
import { map, switchMap } from 'rxjs';

/** The local date after `date` (`YYYY-MM-DD`), calendar arithmetic only. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The counter's view: who is booked to bring a device in today and tomorrow, shop time. */
@Component({
  selector: 'rh-console-drop-offs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyState, ErrorState, Loading, StatusChip],
  template: `
    <div class="page stack">
      <div>
        <h1>Drop-offs</h1>
        <p class="muted intro">Customers booked to bring a device to the counter. Times are shop time@if (timeZone(); as zone) { ({{ zone }})}.</p>
      </div>
      @if (days.error(); as error) {
        <rh-error-state [error]="error" (retry)="days.reload()" />
      } @else if (!days.hasValue()) {
        <rh-loading label="Loading drop-offs…" />
      } @else {
        @for (day of days.value(); track day.date; let first = $first) {
          <section class="card" [attr.aria-labelledby]="'day-' + day.date">
            <h2 [id]="'day-' + day.date">{{ first ? 'Today' : 'Tomorrow' }} <span class="muted date">{{ label(day.date) }}</span></h2>
            @if (day.items.length === 0) {
              <rh-empty-state [message]="'No drop-offs booked ' + (first ? 'today.' : 'tomorrow.')" />
            } @else {
              <ol class="rows">
                @for (item of day.items; track item.repairId) {
                  <li class="row">
                    <time class="time" [attr.datetime]="item.startsAt">{{ item.time }}</time>
                    <div class="what">
                      <a [routerLink]="['/repairs', item.repairId]">{{ item.ticketNumber }} · {{ item.deviceLabel }}</a>
                      <span class="muted">{{ item.customerName }}</span>
                    </div>
                    <rh-status-chip [status]="item.status" />
                  </li>
                }
              </ol>
            }
          </section>
        }
      }
    </div>
  `,
  styles: `
    .intro { margin: .25rem 0 0; }
    h2 { display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: baseline; }
    .date { font-size: 1rem; font-weight: 400; }
    .rows { list-style: none; margin: 0; padding: 0; display: grid; }
    .row { display: grid; grid-template-columns: 3.5rem minmax(0, 1fr) auto; gap: .25rem .75rem; align-items: center; padding: .625rem 0; border-top: 1px solid var(--border); }
    .row:first-child { border-top: 0; }
    .time { font-weight: 700; font-variant-numeric: tabular-nums; }
    .what { display: grid; min-width: 0; overflow-wrap: anywhere; }
    @media (max-width: 30rem) {
      .row { grid-template-columns: 3.5rem minmax(0, 1fr); }
      .row rh-status-chip { grid-column: 2; justify-self: start; }
    }
  `,
})
export default class DropOffsPage {
  private readonly api = inject(ApiClient);
  protected readonly label = (date: string) => formatLocalDate(date);
  protected readonly timeZone = computed(() => this.days.value()?.[0].timeZone ?? null);
  /** Today as the server's shop clock has it, then the day after. */
  protected readonly days = rxResource({
    stream: () =>
      this.api.appointments.day().pipe(
        switchMap((today) => this.api.appointments.day({ date: nextDate(today.date) }).pipe(map((tomorrow): DropOffDayView[] => [today, tomorrow]))),
      ),
  });
}
