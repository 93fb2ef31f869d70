import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { formatOpeningHours } from '@repairhub/contracts';
import { ErrorState, Loading, ShopSettings } from '@repairhub/web-core';

/** A completed repair: where and when the customer collects the device. */
@Component({
  selector: 'rh-pickup-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Loading, ErrorState],
  template: `
    <section class="card" aria-labelledby="pickup-heading">
      <h2 id="pickup-heading">Ready for pickup</h2>
      @if (shop.hasValue()) {
        @let s = shop.value();
        <p>Your device is repaired. Collect it at:</p>
        <address>
          <strong>{{ s.name }}</strong><br />
          {{ s.address }}
        </address>
        <h3>Opening hours</h3>
        <ul class="hours">
          @for (line of hours(s.openingHours); track line) {
            <li>{{ line }}</li>
          }
        </ul>
      } @else if (shop.error()) {
        <rh-error-state title="We couldn't load the shop's address" [error]="shop.error()" (retry)="shop.reload()" />
      } @else {
        <rh-loading label="Loading the pickup details…" />
      }
    </section>
  `,
  styles: `
    address { font-style: normal; margin-bottom: .75rem; overflow-wrap: break-word; }
    h3 { font-size: 1rem; margin: 0 0 .25rem; }
    .hours { margin: 0; padding-left: 1.25rem; }
  `,
})
export class PickupCard {
  private readonly settings = inject(ShopSettings);
  protected readonly shop = rxResource({ stream: () => this.settings.load() });
  protected readonly hours = formatOpeningHours;
}
