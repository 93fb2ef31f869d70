import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { PAYMENT_STATUSES, type PaymentStatus } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, MoneyPipe, PAYMENT_STATUS_LABELS } from '@repairhub/web-core';

/** Admins: every payment, newest first, filterable by status. */
@Component({
  selector: 'rh-console-payments-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, EmptyState, ErrorState, Loading, MoneyPipe],
  template: `
    <div class="page stack">
      <h1>Payments</h1>
      <form class="row" (submit)="$event.preventDefault()" aria-label="Filter payments">
        <div class="field">
          <label for="p-status">Status</label>
          <select id="p-status" (change)="status.set($any($event.target).value)">
            <option value="">Any status</option>
            @for (s of statuses; track s) { <option [value]="s">{{ labels[s] }}</option> }
          </select>
        </div>
      </form>
      @if (payments.error(); as error) {
        <rh-error-state [error]="error" (retry)="payments.reload()" />
      } @else if (!payments.hasValue()) {
        <rh-loading label="Loading payments…" />
      } @else if (payments.value().items.length === 0) {
        <rh-empty-state message="No payments match this filter." />
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">Payments, newest first</caption>
            <thead><tr><th scope="col">Created</th><th scope="col">Amount</th><th scope="col">Refunded</th><th scope="col">Status</th><th scope="col">Repair</th><th scope="col"><span class="visually-hidden">Details</span></th></tr></thead>
            <tbody>
              @for (p of payments.value().items; track p.id) {
                <tr [attr.data-payment]="p.id">
                  <td class="nowrap">{{ p.createdAt | date: 'MMM d, y, HH:mm' }}</td>
                  <td>{{ p.amount | money: p.currency }} @if (p.testMode) { <span class="muted">(test)</span> }</td>
                  <td>{{ p.amountRefunded ? (p.amountRefunded | money: p.currency) : '—' }}</td>
                  <td>{{ labels[p.status] }}</td>
                  <td><a [routerLink]="['/repairs', p.repairRequestId]">Open repair</a></td>
                  <td><a class="button secondary small" [routerLink]="['/admin/payments', p.id]">Details<span class="visually-hidden"> of the {{ p.amount | money: p.currency }} payment</span></a></td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (payments.value().nextCursor) { <p class="muted">Showing the newest 100.</p> }
      }
    </div>
  `,
})
export default class PaymentsPage {
  private readonly api = inject(ApiClient);
  protected readonly statuses = PAYMENT_STATUSES;
  protected readonly labels = PAYMENT_STATUS_LABELS;
  protected readonly status = signal<PaymentStatus | ''>('');
  protected readonly payments = rxResource({
    params: () => ({ status: this.status() || undefined, limit: 100 }),
    stream: ({ params }) => this.api.payments.list(params),
  });
}
