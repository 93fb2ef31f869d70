import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { formatOpeningHours } from '@repairhub/contracts';
import { ApiClient, ErrorState, Loading, ShopSettings, URGENCY_SHORT_LABELS } from '@repairhub/web-core';
import { consoleRepairUrl } from './console-links';
import { QrCode } from './qr-code.component';

export type PrintLayout = 'label' | 'a4';

/** Anything but `a4` prints the label: a bad query parameter still gives something printable. */
export const printLayout = (value: string | undefined): PrintLayout => (value === 'a4' ? 'a4' : 'label');

/**
 * What goes on paper at the counter: the 62 mm label stuck on the device (its QR opens the repair in
 * the console) or an A4 sheet with that label and the customer's copy (its QR opens the public
 * tracking page). The page sizes are named `@page` rules in the console's global styles.
 */
@Component({
  selector: 'rh-print-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ErrorState, Loading, QrCode, RouterLink],
  template: `
    <div class="page print-page">
      @if (repair.error(); as error) {
        <h1>Print</h1>
        <rh-error-state [error]="error" (retry)="repair.reload()" />
      } @else if (!repair.hasValue()) {
        <h1 class="visually-hidden">Print</h1>
        <rh-loading label="Loading the repair…" />
      } @else {
        @let r = repair.value();
        <div class="toolbar no-print stack">
          <div class="page-head">
            <h1>Print {{ r.ticketNumber }}</h1>
            <a class="button link" [routerLink]="['/repairs', r.id]">Back to the repair</a>
          </div>
          <fieldset class="layouts">
            <legend>Layout</legend>
            <label class="choice"><input type="radio" name="layout" value="label" [checked]="layout() === 'label'" (change)="layout.set('label')" /> Label, 62 mm wide</label>
            <label class="choice"><input type="radio" name="layout" value="a4" [checked]="layout() === 'a4'" (change)="layout.set('a4')" /> A4 sheet: label and customer’s copy</label>
          </fieldset>
          <div class="row">
            <button type="button" class="button primary" (click)="print()">Print</button>
          </div>
        </div>

        <div class="sheet" [class.a4]="layout() === 'a4'" [class.roll]="layout() === 'label'" data-testid="printout">
          <section class="label" aria-label="Staff label">
            <rh-qr-code class="qr" [text]="consoleUrl()" [alt]="'QR code: open ' + r.ticketNumber + ' in the console'" />
            <div class="label-text">
              <p class="ticket">{{ r.ticketNumber }}</p>
              <p class="strong">{{ r.deviceLabel }}</p>
              <p>{{ r.customerName }}</p>
              <p>{{ r.createdAt | date: 'mediumDate' }} · {{ urgency[r.urgency] }}</p>
            </div>
          </section>

          @if (layout() === 'a4') {
            <section class="slip" aria-label="Customer’s copy">
              @if (shop.value(); as s) {
                <header class="shop">
                  <p class="shop-name">{{ s.name }}</p>
                  <p>{{ s.address }}</p>
                  <p>Opening hours: {{ hours() }}</p>
                </header>
              }
              <h2>Your repair {{ r.ticketNumber }}</h2>
              <dl class="facts">
                <dt>Checked in</dt><dd>{{ r.createdAt | date: 'medium' }}</dd>
                <dt>Device</dt><dd>{{ r.deviceLabel }}</dd>
                <dt>Problem</dt><dd class="text">{{ r.issueDescription }}</dd>
                @if (r.condition) { <dt>Condition</dt><dd class="text">{{ r.condition }}</dd> }
                <dt>Left with it</dt><dd>{{ r.accessories.length ? r.accessories.join(', ') : 'Nothing' }}</dd>
                @if (r.depositNote) { <dt>Deposit</dt><dd class="text">{{ r.depositNote }}</dd> }
              </dl>
              @if (r.trackingUrl; as link) {
                <div class="follow">
                  <rh-qr-code class="qr" [text]="link" alt="QR code: follow this repair online" />
                  <div>
                    <p class="strong">Follow your repair online</p>
                    <p>Scan the code or open this link to see its status, the quote and when to pick it up:</p>
                    <p class="link">{{ link }}</p>
                    <p class="muted">Keep this slip: the link is your key to the repair’s status. To accept a quote and pay, sign in to your account; new customers who gave an email address get an invitation there.</p>
                  </div>
                </div>
              }
            </section>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .layouts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; border: 0; padding: 0; margin: 0; }
    .layouts legend { font-weight: 600; margin-bottom: .25rem; }
    .choice { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
    p { margin: 0; }
    .strong { font-weight: 700; }
    .sheet { background: #fff; color: #000; display: grid; gap: 8mm; justify-self: start; }
    .sheet.roll { page: label-roll; }
    .sheet.a4 { page: a4-sheet; width: min(100%, 186mm); }
    .label { width: 62mm; max-width: 100%; box-sizing: border-box; padding: 2mm; display: flex; gap: 2mm; align-items: center; border: 1px dashed #6b7280; font-size: 9pt; line-height: 1.25; overflow-wrap: anywhere; }
    .label .qr { flex: none; width: 24mm; }
    .label-text { min-width: 0; }
    .ticket { font-size: 16pt; font-weight: 800; }
    .slip { display: grid; gap: 4mm; font-size: 11pt; border-top: 1px dashed #6b7280; padding-top: 6mm; }
    .slip h2 { margin: 0; font-size: 16pt; }
    .shop-name { font-weight: 800; font-size: 14pt; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 1.5mm 5mm; margin: 0; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
    .follow { display: flex; gap: 5mm; align-items: flex-start; }
    .follow .qr { flex: none; width: 32mm; }
    .follow > div { display: grid; gap: 1.5mm; min-width: 0; }
    .link { font-family: ui-monospace, monospace; font-size: 9pt; overflow-wrap: anywhere; }
    @media print {
      .no-print { display: none !important; }
      .print-page { padding: 0; max-width: none; display: block; }
      .sheet.roll .label { border: 0; width: 62mm; }
      .sheet.a4 { width: auto; }
    }
  `,
})
export default class PrintPage {
  private readonly api = inject(ApiClient);
  private readonly shopSettings = inject(ShopSettings);
  readonly id = input.required<string>();
  /** `?layout=label|a4`, from the repair page's "Print label" and "Print customer slip". */
  readonly layoutParam = input<string | undefined>(undefined, { alias: 'layout' });
  protected readonly layout = linkedSignal(() => printLayout(this.layoutParam()));
  protected readonly urgency = URGENCY_SHORT_LABELS;

  protected readonly repair = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.repairs.get(params) });
  protected readonly shop = rxResource({ stream: () => this.shopSettings.load() });
  protected readonly consoleUrl = computed(() => consoleRepairUrl(this.repair.value()?.id ?? this.id()));
  protected readonly hours = computed(() => formatOpeningHours(this.shop.value()?.openingHours ?? []).join('; '));

  protected print(): void {
    window.print();
  }
}
