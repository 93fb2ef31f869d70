import { ChangeDetectionStrategy, Component, computed, inject, model, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { formatLocalDate, type AppointmentDay } from '@repairhub/contracts';
import { ApiClient, ErrorState, Loading } from '@repairhub/web-core';

/**
 * Picks a drop-off slot, or none. Native radio groups (day, then time) so arrow keys move within a
 * group and Tab between them; times are the shop's, and say so. `value`: the slot's `startsAt`.
 */
@Component({
  selector: 'rh-drop-off-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Loading, ErrorState],
  template: `
    <fieldset class="field" aria-describedby="drop-off-help">
      <legend>When will you bring it in?</legend>
      @if (slots.isLoading() && !slots.hasValue()) {
        <rh-loading label="Loading drop-off times…" />
      } @else if (slots.error()) {
        <rh-error-state title="We couldn't load the drop-off times" [error]="slots.error()" (retry)="slots.reload()" />
      } @else if (slots.hasValue()) {
        <p class="help" id="drop-off-help">Book a time to drop the device off at the counter, or come without one. Times are shop time ({{ slots.value().timeZone }}).</p>
        <label class="choice compact" [class.selected]="!booking()">
          <input type="radio" name="dropOffMode" [checked]="!booking()" (change)="noAppointment()" />
          No appointment — I’ll bring or send it in
        </label>
        <label class="choice compact" [class.selected]="booking()">
          <input type="radio" name="dropOffMode" [checked]="booking()" [disabled]="!days().length" (change)="booking.set(true)" />
          Book a drop-off time
        </label>
        @if (!days().length) {
          <p class="muted">No drop-off times are free in the next {{ slots.value().bookingDays }} days.</p>
        }
        @if (booking() && days().length) {
          <fieldset class="group">
            <legend>Day</legend>
            <div class="days">
              @for (day of days(); track day.date) {
                <label class="choice compact" [class.selected]="day.date === chosenDay()?.date">
                  <input type="radio" name="dropOffDay" [value]="day.date" [checked]="day.date === chosenDay()?.date" (change)="chooseDay(day)" />
                  {{ dayLabel(day.date) }}
                </label>
              }
            </div>
          </fieldset>
          @if (chosenDay(); as day) {
            <fieldset class="group">
              <legend>Time on {{ dayLabel(day.date) }} (shop time)</legend>
              <div class="times">
                @for (slot of day.slots; track slot.startsAt) {
                  <label class="choice compact time" [class.selected]="value() === slot.startsAt" [class.full]="!slot.free">
                    <input type="radio" name="dropOffAt" [value]="slot.startsAt" [checked]="value() === slot.startsAt" [disabled]="!slot.free" (change)="value.set(slot.startsAt)" />
                    {{ slot.time }}{{ slot.free ? '' : ' (full)' }}
                  </label>
                }
              </div>
            </fieldset>
          }
        }
      }
    </fieldset>
  `,
  styles: `
    :host { display: block; }
    fieldset.field { display: grid; gap: .5rem; }
    .group { border: 0; margin: .25rem 0 0; padding: 0; display: grid; gap: .5rem; }
    .group legend { font-weight: 600; margin-bottom: .25rem; }
    .days, .times { display: grid; gap: .5rem; }
    .days { grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); }
    .times { grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr)); }
    .choice { display: flex; gap: .5rem; align-items: center; border: 1px solid var(--border-strong); border-radius: var(--radius); padding: .625rem .75rem; cursor: pointer; font-weight: 400; background: var(--surface); }
    .choice.selected { border-color: var(--primary); background: var(--primary-soft); box-shadow: inset 0 0 0 1px var(--primary); }
    .choice.full { cursor: not-allowed; background: var(--surface-muted, #f1f3f5); }
  `,
})
export class DropOffPicker {
  private readonly api = inject(ApiClient);
  /** The chosen slot's `startsAt`; null for no appointment. */
  readonly value = model<string | null>(null);
  protected readonly booking = signal(false);
  private readonly dayChoice = signal<string | null>(null);

  protected readonly slots = rxResource({ stream: () => this.api.appointments.slots() });
  /** Days with at least one free slot. */
  protected readonly days = computed(() => (this.slots.value()?.days ?? []).filter((d) => d.slots.some((s) => s.free)));
  protected readonly chosenDay = computed<AppointmentDay | null>(() => this.days().find((d) => d.date === this.dayChoice()) ?? this.days()[0] ?? null);

  protected dayLabel(date: string): string {
    return formatLocalDate(date, 'short');
  }

  protected chooseDay(day: AppointmentDay): void {
    this.dayChoice.set(day.date);
    if (!day.slots.some((s) => s.startsAt === this.value())) this.value.set(null);
  }

  protected noAppointment(): void {
    this.booking.set(false);
    this.value.set(null);
  }

  /** After a refusal (the slot was just taken): fresh slots, the choice cleared. */
  refresh(): void {
    this.value.set(null);
    this.slots.reload();
  }
}
