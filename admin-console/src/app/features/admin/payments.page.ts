import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PAYMENT_STATUSES, type PaymentStatus } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, MoneyPipe, PAYMENT_STATUS_LABELS, cursorList } from '@repairhub/web-core';

const PAGE_SIZE = 50;

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
      @if (payments.first.error(); as error) {
        <rh-error-state [error]="error" (retry)="payments.first.reload()" />
      } @else if (!payments.first.hasValue()) {
        <rh-loading label="Loading payments…" />
      } @else if (payments.items().length === 0) {
        <rh-empty-state message="No payments match this filter." />
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">Payments, newest first</caption>
            <thead><tr><th scope="col">Created</th><th scope="col">Customer</th><th scope="col">Amount</th><th scope="col">Refunded</th><th scope="col">Status</th><th scope="col">Repair</th><th scope="col"><span class="visually-hidden">Details</span></th></tr></thead>
            <tbody>
              @for (p of payments.items(); track p.id) {
                <tr [attr.data-payment]="p.id">
                  <td class="nowrap">{{ p.createdAt | date: 'MMM d, y, HH:mm' }}</td>
                  <td>{{ p.customerName }}</td>
                  <td>{{ p.amount | money: p.currency }} @if (p.testMode) { <span class="muted">(test)</span> }</td>
                  <td>{{ p.amountRefunded ? (p.amountRefunded | money: p.currency) : '—' }}</td>
                  <td>{{ labels[p.status] }}</td>
                  <td><a [routerLink]="['/repairs', p.repairRequestId]">{{ p.ticketNumber }}<span class="visually-hidden">: open the repair</span></a></td>
                  <td><a class="button secondary small" [routerLink]="['/admin/payments', p.id]">Details<span class="visually-hidden"> of the {{ p.amount | money: p.currency }} payment by {{ p.customerName }}</span></a></td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (payments.hasMore()) {
          <button type="button" class="button secondary" [disabled]="payments.loadingMore()" (click)="payments.loadMore()">{{ payments.loadingMore() ? 'Loading…' : 'Show more' }}<span class="visually-hidden"> payments</span></button>
        }
      }
    </div>
  `,
})
export default class PaymentsPage {
  private readonly api = inject(ApiClient);
  protected readonly statuses = PAYMENT_STATUSES;
  protected readonly labels = PAYMENT_STATUS_LABELS;
  protected readonly status = signal<PaymentStatus | ''>('');
  protected readonly payments = cursorList({
    params: () => ({ status: this.status() || undefined, limit: PAGE_SIZE }),
    load: (query) => this.api.payments.list(query),
  });
}
