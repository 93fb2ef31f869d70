import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { effectiveQuoteStatus, QUOTE_REJECTION_REASON_MAX, type AcceptQuoteResponse, type PaymentView, type QuoteView, type RepairStatus } from '@repairhub/contracts';
import { ApiClient, ErrorState, Loading, MoneyPipe, Notifier, QUOTE_STATUS_LABELS, readProblem } from '@repairhub/web-core';
import { PaymentsConfig } from '../../core/payments-config';
import { Checkout } from './payment/checkout.component';

/** The current quote: what it costs, until when, and Accept & pay / Decline. */
@Component({
  selector: 'rh-quote-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MoneyPipe, Checkout, Loading, ErrorState],
  template: `
    @let q = quote();
    <section class="card stack" aria-labelledby="quote-heading">
      <div class="head">
        <h2 id="quote-heading">Quote</h2>
        <span class="badge" [class]="'badge badge-' + status()">{{ statusLabels[status()] }}</span>
      </div>
      <dl class="costs">
        <div><dt>Parts</dt><dd>{{ q.partsCost | money: q.currency }}</dd></div>
        <div><dt>Labour</dt><dd>{{ q.laborCost | money: q.currency }}</dd></div>
        <div class="total"><dt>Total</dt><dd>{{ q.total | money: q.currency }}</dd></div>
      </dl>
      @if (q.notes) {
        <p class="notes"><span class="label">Technician's notes:</span> {{ q.notes }}</p>
      }
      @if (status() === 'pending') {
        <p class="muted">Valid until <time [attr.datetime]="q.expiresAt">{{ q.expiresAt | date: 'MMM d, y, HH:mm' }}</time>.</p>
      }

      @if (status() !== 'accepted' && payment(); as open) {
        @if (config.isLoading()) {
          <rh-loading label="Preparing checkout…" />
        } @else if (config.error()) {
          <rh-error-state title="Checkout is unavailable" [error]="config.error()" (retry)="retryConfig()" />
        } @else if (config.hasValue()) {
          <rh-checkout [payment]="open" [config]="config.value()" (settled)="settled($event)" />
        }
      } @else if (status() === 'pending' || status() === 'payment_pending') {
        @if (error(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        @if (declining()) {
          <div class="row confirm" role="group" aria-label="Decline the quote?">
            <span>Decline this quote? The technician will be told.</span>
            <label class="stack reason">
              Reason for the technician (optional)
              <textarea rows="2" [attr.maxlength]="reasonMax" [value]="reason()" (input)="reason.set($any($event.target).value)"></textarea>
            </label>
            <button type="button" class="button danger" (click)="decline()" [disabled]="busy()">{{ busy() ? 'Declining…' : 'Decline quote' }}</button>
            <button type="button" class="button secondary" (click)="declining.set(false)" [disabled]="busy()">Keep it</button>
          </div>
        } @else {
          <div class="row">
            <button type="button" class="button primary" (click)="accept()" [disabled]="busy()" [attr.aria-busy]="busy()">
              {{ busy() ? 'Opening checkout…' : status() === 'payment_pending' ? 'Continue payment' : 'Accept & pay ' + (q.total | money: q.currency) }}
            </button>
            @if (status() === 'pending') {
              <button type="button" class="button secondary" (click)="declining.set(true)" [disabled]="busy()">Decline</button>
            }
          </div>
        }
      } @else if (status() === 'accepted') {
        @if (refunded()) {
          <p role="status">You accepted this quote; the payment was refunded in full.</p>
        } @else {
          <p class="paid" role="status">✓ Paid {{ q.total | money: q.currency }}.@if (repairStatus() === 'approved') { Your repair is approved.}</p>
        }
      } @else if (status() === 'expired') {
        <p class="muted">This quote expired. Ask your technician for a new one in the chat below.</p>
      } @else if (status() === 'withdrawn') {
        <p class="muted">The technician withdrew this quote. A new one will appear here.</p>
      } @else if (status() === 'rejected') {
        <p class="muted">You declined this quote.</p>
      }
    </section>
  `,
  styles: `
    .head { display: flex; justify-content: space-between; align-items: center; gap: .75rem; flex-wrap: wrap; }
    .head h2 { margin: 0; }
    .badge { font-size: .8125rem; font-weight: 600; padding: .125rem .625rem; border-radius: 999px; background: var(--surface-sunken); color: var(--text); border: 1px solid var(--border-strong); }
    .badge-pending { background: var(--warning-soft); color: var(--warning-text); border-color: #e7b46a; }
    .badge-accepted { background: var(--success-soft); color: #14532d; border-color: #8fd3a6; }
    .costs { margin: 0; display: grid; gap: .25rem; max-width: 22rem; }
    .costs div { display: flex; justify-content: space-between; gap: 1rem; }
    .costs dt { color: var(--text-muted); }
    .costs dd { margin: 0; font-variant-numeric: tabular-nums; }
    .costs .total { border-top: 1px solid var(--border); padding-top: .375rem; font-weight: 700; font-size: 1.125rem; }
    .costs .total dt { color: var(--text); }
    .label { font-weight: 600; }
    .notes { margin: 0; white-space: pre-wrap; }
    .paid { color: var(--success); font-weight: 600; margin: 0; }
    .confirm { align-items: center; }
    .confirm .reason { flex: 1 1 100%; }
  `,
})
export class QuotePanel {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  private readonly paymentsConfig = inject(PaymentsConfig);

  readonly quote = input.required<QuoteView>();
  /** The repair's status: "approved" is said only while it is. */
  readonly repairStatus = input<RepairStatus | null>(null);
  /** The payment of this quote was refunded in full. */
  readonly refunded = input(false);
  /** Something changed on the server (declined, paid, payment failed): reload the repair. */
  readonly changed = output<void>();
  /** The payment succeeded; the repair turns `approved` once the webhook lands. */
  readonly paid = output<PaymentView>();

  protected readonly statusLabels = QUOTE_STATUS_LABELS;
  protected readonly status = computed(() => effectiveQuoteStatus(this.quote()));
  protected readonly busy = signal(false);
  protected readonly declining = signal(false);
  protected readonly reason = signal('');
  protected readonly reasonMax = QUOTE_REJECTION_REASON_MAX;
  protected readonly error = signal<string | null>(null);
  protected readonly payment = signal<AcceptQuoteResponse['payment'] | null>(null);
  protected readonly config = rxResource({
    params: () => (this.payment() ? true : undefined),
    stream: () => this.paymentsConfig.load(),
  });

  protected accept(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    // Accepting twice returns the same open payment, so a repeated click can never pay twice.
    this.api.quotes.accept(this.quote().id).subscribe({
      next: ({ payment }) => {
        this.busy.set(false);
        this.payment.set(payment);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = readProblem(error);
        this.error.set(problem.message);
        if (problem.status === 409) this.changed.emit();
      },
    });
  }

  protected decline(): void {
    if (this.busy()) return;
    this.busy.set(true);
    const reason = this.reason().trim();
    this.api.quotes.reject(this.quote().id, reason ? { reason } : {}).subscribe({
      next: () => {
        this.busy.set(false);
        this.declining.set(false);
        this.notifier.info('Quote declined.');
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(readProblem(error).message);
        this.declining.set(false);
      },
    });
  }

  protected settled(payment: PaymentView): void {
    if (payment.status === 'succeeded') {
      this.paid.emit(payment);
    } else {
      this.payment.set(null);
      this.error.set(payment.status === 'failed' ? 'The payment failed and no money was taken. You can try again.' : 'The payment was canceled. You can try again.');
    }
    this.changed.emit();
  }

  protected retryConfig(): void {
    this.paymentsConfig.forget();
    this.config.reload();
  }
}
