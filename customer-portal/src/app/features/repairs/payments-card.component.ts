import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RepairPaymentView } from '@repairhub/contracts';
import { MoneyPipe } from '@repairhub/web-core';

/** What the customer paid for the repair and what came back, each payment with its printable receipt. */
@Component({
  selector: 'rh-payments-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, MoneyPipe],
  template: `
    <section class="card" aria-labelledby="payments-heading">
      <h2 id="payments-heading">Payment</h2>
      <ul class="plain">
        @for (p of payments(); track p.id) {
          <li [attr.data-payment-status]="p.status">
            <p>
              Paid {{ p.amount | money: p.currency }} on
              <time [attr.datetime]="p.createdAt">{{ p.createdAt | date: 'MMM d, y' }}</time>@if (p.testMode) { (test mode, no real money)}.
            </p>
            @if (p.status === 'refunded') {
              <p class="refund" role="status">Refunded in full: {{ p.amountRefunded | money: p.currency }} goes back to you.</p>
            } @else if (p.amountRefunded > 0) {
              <p class="refund" role="status">Partly refunded: {{ p.amountRefunded | money: p.currency }} of {{ p.amount | money: p.currency }} goes back to you.</p>
            }
            <a [routerLink]="['/receipts', p.id]">Receipt<span class="visually-hidden"> for the payment of {{ p.amount | money: p.currency }}</span></a>
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .plain { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
    .plain p { margin: 0 0 .25rem; }
    .refund { font-weight: 600; }
  `,
})
export class PaymentsCard {
  readonly payments = input.required<RepairPaymentView[]>();
}
