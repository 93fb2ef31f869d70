import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ApiClient, ErrorState, Loading, MoneyPipe, PAYMENT_STATUS_LABELS, ShopSettings, readProblem } from '@repairhub/web-core';
import { forkJoin, map, switchMap } from 'rxjs';

/** A printable receipt of one payment and its refunds (linked from the payment and refund emails and the repair page). */
@Component({
  selector: 'rh-receipt-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, MoneyPipe, Loading, ErrorState],
  template: `
    <div class="page">
      @if (receipt.hasValue()) {
        @let rc = receipt.value();
        @let p = rc.payment;
        <p class="back no-print"><a [routerLink]="['/repairs', p.repairRequestId]">← Back to the repair</a></p>
        <article class="card receipt" aria-labelledby="receipt-heading">
          <header class="shop">
            <p class="shop-name">{{ rc.shop.name }}</p>
            <p class="shop-address">{{ rc.shop.address }}</p>
          </header>
          <h1 id="receipt-heading">Receipt</h1>
          <dl class="facts">
            <div><dt>Repair</dt><dd>{{ rc.repair.deviceLabel }}</dd></div>
            <div><dt>Reference</dt><dd class="ref">{{ p.id }}</dd></div>
            <div><dt>Paid on</dt><dd><time [attr.datetime]="p.createdAt">{{ p.createdAt | date: 'MMM d, y, HH:mm' }}</time></dd></div>
            <div><dt>Status</dt><dd>{{ statusLabels[p.status] }}@if (p.testMode) { (test mode, no real money)}</dd></div>
          </dl>
          <table class="lines">
            <caption class="visually-hidden">Amounts</caption>
            <tbody>
              <tr><th scope="row">Payment</th><td>{{ p.amount | money: p.currency }}</td></tr>
              @for (refund of confirmedRefunds(); track refund.id) {
                <tr>
                  <th scope="row">Refund on <time [attr.datetime]="refund.createdAt">{{ refund.createdAt | date: 'MMM d, y' }}</time></th>
                  <td>−{{ refund.amount | money: p.currency }}</td>
                </tr>
              }
            </tbody>
            <tfoot>
              <tr><th scope="row">Total paid</th><td>{{ p.amount - p.amountRefunded | money: p.currency }}</td></tr>
            </tfoot>
          </table>
          <button type="button" class="button secondary no-print" (click)="print()">Print this receipt</button>
        </article>
      } @else if (receipt.error()) {
        <h1>Receipt</h1>
        <rh-error-state [title]="notFound() ? 'Receipt not found' : 'We couldn\\'t load this receipt'" [error]="receipt.error()" [retryable]="!notFound()" (retry)="receipt.reload()" />
      } @else {
        <h1 class="visually-hidden">Receipt</h1>
        <rh-loading label="Loading the receipt…" />
      }
    </div>
  `,
  styles: `
    .back { margin: 0; }
    .receipt { max-width: 36rem; }
    .shop p { margin: 0; }
    .shop-name { font-weight: 700; font-size: 1.125rem; }
    .shop-address { color: var(--text-muted); overflow-wrap: break-word; }
    .facts { display: grid; gap: .375rem; margin: 0 0 1rem; }
    .facts div { display: grid; grid-template-columns: 7rem 1fr; gap: .5rem; }
    .facts dt { color: var(--text-muted); }
    .facts dd { margin: 0; }
    .ref { overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
    .lines { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
    .lines th { text-align: left; font-weight: 400; padding: .375rem 0; }
    .lines td { text-align: right; padding: .375rem 0; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .lines tfoot th, .lines tfoot td { border-top: 1px solid var(--border); font-weight: 700; }
    @media print {
      .receipt { border: none; box-shadow: none; padding: 0; max-width: none; }
    }
  `,
})
export default class ReceiptPage {
  private readonly api = inject(ApiClient);
  private readonly shop = inject(ShopSettings);
  /** Route parameter. */
  readonly paymentId = input.required<string>();

  protected readonly statusLabels = PAYMENT_STATUS_LABELS;
  protected readonly receipt = rxResource({
    params: () => this.paymentId(),
    stream: ({ params }) =>
      this.api.payments.get(params).pipe(
        switchMap((payment) =>
          forkJoin({ repair: this.api.repairs.get(payment.repairRequestId), shop: this.shop.load() }).pipe(map((rest) => ({ payment, ...rest }))),
        ),
      ),
  });
  protected readonly notFound = computed(() => readProblem(this.receipt.error()).status === 404);
  /** Refunds not (yet) confirmed by the payment provider are not money back. */
  protected readonly confirmedRefunds = computed(() => (this.receipt.value()?.payment.refunds ?? []).filter((r) => r.status === 'succeeded'));

  protected print(): void {
    window.print();
  }
}
