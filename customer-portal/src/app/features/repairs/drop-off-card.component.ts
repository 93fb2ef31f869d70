import { ChangeDetectionStrategy, Component, inject, input, output, signal, viewChild } from '@angular/core';
import type { Observable } from 'rxjs';
import { formatShopDateTime, type DropOffView } from '@repairhub/contracts';
import { ApiClient, Notifier, readProblem } from '@repairhub/web-core';
import { DropOffPicker } from './drop-off-picker.component';

/** The repair's drop-off: when it is booked (shop time), and booking, moving or cancelling it. */
@Component({
  selector: 'rh-drop-off-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DropOffPicker],
  template: `
    <section class="card stack" aria-labelledby="drop-off-heading">
      <h2 id="drop-off-heading">Drop-off</h2>
      @if (dropOff(); as d) {
        <p class="booked">
          Booked for <strong><time [attr.datetime]="d.startsAt">{{ when(d) }}</time></strong>
          <span class="muted"> (shop time, {{ d.timeZone }})</span>
        </p>
      } @else {
        <p class="muted">No drop-off time booked. You can bring the device in during opening hours, or book a time.</p>
      }
      @if (error(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      @if (editing()) {
        <rh-drop-off-picker [(value)]="choice" />
        <div class="row">
          <button type="button" class="button primary" (click)="save()" [disabled]="busy() || !choice()">{{ busy() ? 'Saving…' : 'Save drop-off time' }}</button>
          <button type="button" class="button secondary" (click)="editing.set(false)">Keep as it is</button>
        </div>
      } @else {
        <div class="row">
          <button type="button" class="button secondary" (click)="editing.set(true)">{{ dropOff() ? 'Change time' : 'Book a drop-off time' }}</button>
          @if (dropOff()) {
            <button type="button" class="button secondary" (click)="cancel()" [disabled]="busy()">Cancel drop-off</button>
          }
        </div>
      }
    </section>
  `,
  styles: `
    .booked { margin: 0; }
    .row { display: flex; flex-wrap: wrap; gap: .5rem; }
  `,
})
export class DropOffCard {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  readonly repairId = input.required<string>();
  readonly dropOff = input<DropOffView | null>(null);
  /** The booking changed: the page reloads the repair. */
  readonly changed = output<void>();
  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly choice = signal<string | null>(null);
  private readonly picker = viewChild(DropOffPicker);

  protected when(d: DropOffView): string {
    return formatShopDateTime(d.startsAt, d.timeZone);
  }

  protected save(): void {
    const dropOffAt = this.choice();
    if (!dropOffAt) return;
    this.run(this.api.appointments.reschedule(this.repairId(), { dropOffAt }), 'Drop-off time saved.');
  }

  protected cancel(): void {
    this.run(this.api.appointments.cancel(this.repairId()), 'Drop-off cancelled.');
  }

  private run(request: Observable<unknown>, done: string): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.editing.set(false);
        this.choice.set(null);
        this.notifier.success(done);
        this.changed.emit();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(readProblem(e).message);
        this.picker()?.refresh();
      },
    });
  }
}
