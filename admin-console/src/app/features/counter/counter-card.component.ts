import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RepairDetail } from '@repairhub/contracts';
import { TrackingLink } from '@repairhub/web-core';

/** On the staff repair page: what was left at the counter, the customer's tracking link, and the printouts. */
@Component({
  selector: 'rh-counter-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TrackingLink],
  template: `
    @let r = repair();
    <section class="card stack" aria-labelledby="counter-heading">
      <h2 id="counter-heading">Intake and tracking</h2>
      @if (r.condition || r.accessories.length || r.depositNote) {
        <dl class="facts">
          @if (r.condition) { <dt>Condition</dt><dd class="text">{{ r.condition }}</dd> }
          <dt>Left with it</dt><dd>{{ r.accessories.length ? r.accessories.join(', ') : 'Nothing' }}</dd>
          @if (r.depositNote) { <dt>Deposit</dt><dd class="text">{{ r.depositNote }}</dd> }
        </dl>
      }
      <div class="row">
        <a class="button secondary small" [routerLink]="['/repairs', r.id, 'print']" [queryParams]="{ layout: 'label' }">Print label</a>
        <a class="button secondary small" [routerLink]="['/repairs', r.id, 'print']" [queryParams]="{ layout: 'a4' }">Print customer slip</a>
      </div>
      <rh-tracking-link [repairId]="r.id" [url]="r.trackingUrl" help="Give this link to the customer: it shows the status, quote and pickup details without signing in." (renewed)="renewed.emit($event)" />
    </section>
  `,
  styles: `
    h2 { margin: 0; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .375rem 1rem; margin: 0; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  `,
})
export class CounterCard {
  readonly repair = input.required<RepairDetail>();
  readonly renewed = output<RepairDetail>();
}
