import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { isCurrency, minorUnits, type PaymentView, type RefundRequest } from '@repairhub/contracts';
import { ApiClient, ErrorState, FieldA11y, FocusInvalid, FieldError, Loading, MoneyPipe, Notifier, PAYMENT_STATUS_LABELS, applyProblem, formatMoney, readProblem, toMinor } from '@repairhub/web-core';

/** Longest refund reason (the server's limit, kept within one Stripe metadata value). */
const REASON_MAX = 500;

/** Admins: one payment with its refunds, and a full or partial refund with a reason, after a confirmation. */
@Component({
  selector: 'rh-console-payment-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, RouterLink, ErrorState, FieldA11y, FocusInvalid, FieldError, Loading, MoneyPipe],
  template: `
    <div class="page stack">
      <p><a routerLink="/admin/payments">← All payments</a></p>
      @if (payment.error(); as error) {
        <h1>Payment</h1>
        <rh-error-state [error]="error" (retry)="payment.reload()" />
      } @else if (!payment.hasValue()) {
        <h1 class="visually-hidden">Payment</h1>
        <rh-loading label="Loading the payment…" />
      } @else {
        @let p = payment.value();
        <h1>Payment of {{ p.amount | money: p.currency }}</h1>
        <section class="card">
          <dl class="facts">
            <dt>Status</dt><dd data-testid="payment-status">{{ labels[p.status] }} @if (p.testMode) { <span class="muted">(test mode)</span> }</dd>
            <dt>Refunded</dt><dd data-testid="payment-refunded">{{ p.amountRefunded | money: p.currency }}</dd>
            <dt>Created</dt><dd>{{ p.createdAt | date: 'MMM d, y, HH:mm' }}</dd>
            <dt>Repair</dt><dd><a [routerLink]="['/repairs', p.repairRequestId]">Open the repair</a></dd>
          </dl>
        </section>

        <section class="card stack" aria-labelledby="refunds-heading">
          <h2 id="refunds-heading">Refunds</h2>
          @if (!p.refunds?.length) {
            <p class="muted">No refunds.</p>
          } @else {
            <ul class="refunds">
              @for (r of p.refunds; track r.id) {
                <li>{{ r.amount | money: p.currency }} — {{ r.reason }} <span class="muted">({{ r.status }}, {{ r.createdAt | date: 'MMM d, HH:mm' }})</span></li>
              }
            </ul>
          }
          @if (refundable(); as left) {
            <form class="stack" [formGroup]="form" (ngSubmit)="ask()" novalidate aria-labelledby="refund-heading">
              <h3 id="refund-heading">Refund</h3>
              @if (formError(); as message) { <p class="form-error" role="alert">{{ message }}</p> }
              <div class="field">
                <label for="refund-amount">Amount <span class="muted">(leave empty for the full {{ left | money: p.currency }})</span></label>
                <input id="refund-amount" formControlName="amount" inputmode="decimal" autocomplete="off" />
                <rh-field-error for="refund-amount" label="Amount" [control]="form.controls.amount" />
              </div>
              <div class="field">
                <label for="refund-reason">Reason</label>
                <textarea id="refund-reason" rows="2" formControlName="reason"></textarea>
                <rh-field-error for="refund-reason" label="Reason" [control]="form.controls.reason" />
              </div>
              <button type="submit" class="button danger" [disabled]="busy()">{{ busy() ? 'Refunding…' : 'Refund…' }}</button>
            </form>
          }
        </section>

        <dialog #confirm class="dialog" aria-labelledby="refund-q" aria-describedby="refund-d">
          <h2 id="refund-q">Refund {{ confirmText() }}?</h2>
          <p id="refund-d">
            @if (p.testMode) {
              Test mode: no real money moves. The payment is marked refunded and the customer is told. This cannot be undone.
            } @else {
              The money goes back to the customer's card. This cannot be undone.
            }
          </p>
          <div class="row">
            <button type="button" class="button danger" (click)="refund()">Refund {{ confirmText() }}</button>
            <!-- A destructive confirmation opens on Cancel, so Enter never refunds by accident. -->
            <button type="button" class="button secondary" autofocus (click)="confirmRef().nativeElement.close()">Cancel</button>
          </div>
        </dialog>
      }
    </div>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .375rem 1rem; margin: 0; }
    .facts dt { font-weight: 600; } .facts dd { margin: 0; }
    .refunds { margin: 0; padding-left: 1.25rem; }
    h2, h3 { margin: 0; }
  `,
})
export default class PaymentPage {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  readonly id = input.required<string>();
  protected readonly labels = PAYMENT_STATUS_LABELS;
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly confirmText = signal('');
  protected readonly confirmRef = viewChild.required<ElementRef<HTMLDialogElement>>('confirm');
  private request: RefundRequest | null = null;

  protected readonly payment = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.payments.get(params) });
  /** What can still be refunded, or 0 when nothing can. */
  protected readonly refundable = computed(() => {
    const p = this.payment.value();
    if (!p || (p.status !== 'succeeded' && p.status !== 'refunded')) return 0;
    const pending = (p.refunds ?? []).filter((r) => r.status === 'pending').reduce((sum, r) => sum + r.amount, 0);
    return Math.max(0, p.amount - p.amountRefunded - pending);
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    amount: [''],
    reason: ['', [Validators.required, Validators.maxLength(REASON_MAX)]],
  });

  protected ask(): void {
    this.form.markAllAsTouched();
    const p = this.payment.value();
    if (!p || this.form.invalid || this.busy()) return;
    const { amount, reason } = this.form.getRawValue();
    let minor: number | undefined;
    if (amount.trim()) {
      const parsed = isCurrency(p.currency) ? toMinor(amount, p.currency) : null;
      if (parsed === null || parsed <= 0) {
        this.form.controls.amount.setErrors({ server: `Enter an amount such as ${minorUnits(isCurrency(p.currency) ? p.currency : 'usd') ? '10.00' : '1000'}.` });
        return;
      }
      if (parsed > this.refundable()) {
        this.form.controls.amount.setErrors({ server: `At most ${formatMoney(this.refundable(), p.currency)} can be refunded.` });
        return;
      }
      minor = parsed;
    }
    this.request = { reason: reason.trim(), ...(minor === undefined ? {} : { amount: minor }) };
    this.confirmText.set(formatMoney(minor ?? this.refundable(), p.currency));
    this.confirmRef().nativeElement.showModal();
  }

  protected refund(): void {
    this.confirmRef().nativeElement.close();
    const request = this.request;
    if (!request) return;
    this.busy.set(true);
    this.formError.set(null);
    this.api.payments.refund(this.id(), request).subscribe({
      next: (updated: PaymentView) => {
        this.busy.set(false);
        this.form.reset();
        this.payment.set(updated);
        this.notifier.success(`Refund of ${this.confirmText()} requested.`);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }
}
