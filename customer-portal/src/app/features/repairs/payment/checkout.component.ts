import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  type OnInit,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { AcceptQuoteResponse, PaymentStatus, PaymentView, PaymentsConfigView } from '@repairhub/contracts';
import { ApiClient, MoneyPipe, PAYMENT_STATUS_LABELS, readProblem } from '@repairhub/web-core';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { type Subscription, firstValueFrom } from 'rxjs';
import { followPayment } from './payment-status';

type Phase = 'preparing' | 'ready' | 'paying' | 'confirming' | 'done' | 'failed' | 'closed' | 'slow';

/**
 * Pays an open payment. With a publishable key, Stripe Elements confirms the PaymentIntent; in test
 * mode a clearly labelled button confirms through the server's test route. Either way the page
 * then follows the webhook-driven payment status. One payment attempt at a time: the pay button is
 * disabled from the first click until the attempt settles.
 */
@Component({
  selector: 'rh-checkout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MoneyPipe],
  template: `
    <div class="checkout" [class.test]="testMode()">
      @if (testMode()) {
        <p class="test-banner"><strong>Test mode</strong> — this is a test checkout. No card is charged and no real money moves.</p>
      }
      <p class="amount">Amount due: <strong>{{ payment().amount | money: payment().currency }}</strong></p>

      @if (!testMode()) {
        <div class="stripe-element" #stripeHost aria-label="Card details"></div>
      }

      @if (error(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }

      <div aria-live="polite">
        @switch (phase()) {
          @case ('preparing') { <p class="muted">Preparing the secure payment form…</p> }
          @case ('confirming') { <p class="status" role="status"><span class="spinner" aria-hidden="true"></span> Confirming your payment… ({{ statusLabel() }})</p> }
          @case ('slow') { <p class="status" role="status">Your payment is being confirmed. This page updates as soon as it is.</p> }
          @case ('done') { <p class="status success" role="status">Payment received — thank you!</p> }
        }
      </div>

      @if (phase() === 'ready' || phase() === 'paying' || phase() === 'failed') {
        <div class="row">
          <button type="button" class="button primary pay" (click)="pay()" [disabled]="phase() === 'paying'" [attr.aria-busy]="phase() === 'paying'">
            @if (phase() === 'paying') { Paying… } @else if (testMode()) { Pay {{ payment().amount | money: payment().currency }} (test) } @else { Pay {{ payment().amount | money: payment().currency }} }
          </button>
          @if (testMode()) {
            <button type="button" class="button secondary" (click)="pay('failed')" [disabled]="phase() === 'paying'">Simulate a declined card</button>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .checkout { display: grid; gap: .75rem; border: 1px solid var(--border-strong); border-radius: var(--radius); padding: 1rem; background: var(--surface); }
    .checkout.test { border: 2px dashed var(--warning); }
    .test-banner { background: var(--warning-soft); color: var(--warning-text); padding: .5rem .75rem; border-radius: var(--radius); margin: 0; }
    .amount { margin: 0; font-size: 1.0625rem; }
    .status { display: flex; align-items: center; gap: .5rem; margin: 0; }
    .success { color: var(--success); font-weight: 600; }

    .stripe-element { min-height: 3rem; }
  `,
})
export class Checkout implements OnInit {
  private readonly api = inject(ApiClient);
  private readonly destroyRef = inject(DestroyRef);

  readonly payment = input.required<AcceptQuoteResponse['payment']>();
  readonly config = input.required<PaymentsConfigView>();
  /** The payment reached a final state (succeeded, failed, canceled). */
  readonly settled = output<PaymentView>();

  protected readonly testMode = computed(() => this.config().testMode || !this.config().publishableKey);
  protected readonly phase = signal<Phase>('preparing');
  protected readonly error = signal<string | null>(null);
  private readonly status = signal<PaymentStatus>('requires_payment');
  protected readonly statusLabel = computed(() => PAYMENT_STATUS_LABELS[this.status()]);

  private readonly stripeHost = viewChild<ElementRef<HTMLElement>>('stripeHost');
  private stripe: Stripe | null = null;
  private elements: StripeElements | null = null;
  private following: Subscription | null = null;

  ngOnInit(): void {
    this.destroyRef.onDestroy(() => this.following?.unsubscribe());
    this.status.set(this.payment().status);
    if (this.payment().status !== 'requires_payment') {
      // Already paid or being confirmed (e.g. after a reload): just follow it.
      this.follow();
      return;
    }
    if (this.testMode()) this.phase.set('ready');
    else void this.mountStripe();
  }

  /** `outcome` only in test mode: 'failed' plays a declined card through the same webhook path. */
  protected async pay(outcome: 'succeeded' | 'failed' = 'succeeded'): Promise<void> {
    if (this.phase() === 'paying' || this.phase() === 'confirming') return;
    this.phase.set('paying');
    this.error.set(null);
    try {
      if (this.testMode()) {
        await firstValueFrom(this.api.payments.testConfirm(this.payment().id, { outcome }));
      } else {
        await this.confirmWithStripe();
      }
      this.follow();
    } catch (error) {
      this.error.set(error instanceof StripeError ? error.message : readProblem(error).message);
      this.phase.set('failed');
    }
  }

  private async mountStripe(): Promise<void> {
    try {
      const { loadStripe } = await import('@stripe/stripe-js');
      const stripe = await loadStripe(this.config().publishableKey as string);
      const host = this.stripeHost()?.nativeElement;
      if (!stripe || !host) throw new StripeError('The payment form could not be loaded. Check your connection and reload the page.');
      this.stripe = stripe;
      this.elements = stripe.elements({ clientSecret: this.payment().clientSecret });
      this.elements.create('payment').mount(host);
      this.phase.set('ready');
    } catch (error) {
      this.error.set(error instanceof StripeError ? error.message : 'The payment form could not be loaded. Check your connection and reload the page.');
      this.phase.set('failed');
    }
  }

  private async confirmWithStripe(): Promise<void> {
    if (!this.stripe || !this.elements) throw new StripeError('The payment form is not ready yet.');
    const result = await this.stripe.confirmPayment({
      elements: this.elements,
      redirect: 'if_required',
      confirmParams: { return_url: window.location.href },
    });
    if (result.error) throw new StripeError(result.error.message ?? 'The payment was not completed.');
  }

  private follow(): void {
    this.phase.set('confirming');
    this.following?.unsubscribe();
    this.following = followPayment(this.api, this.payment().id).subscribe({
      next: (payment) => {
        this.status.set(payment.status);
        if (payment.status === 'succeeded' || payment.status === 'refunded') {
          this.phase.set('done');
          this.settled.emit(payment);
        } else if (payment.status === 'failed' || payment.status === 'canceled') {
          // The quote is open again; the parent offers a fresh attempt (a new payment).
          this.error.set(payment.status === 'failed' ? 'The payment failed. No money was taken.' : 'The payment was canceled.');
          this.phase.set('closed');
          this.settled.emit(payment);
        }
      },
      error: () => this.phase.set('slow'),
      complete: () => {
        if (this.phase() === 'confirming') this.phase.set('slow');
      },
    });
  }
}

/** A message from Stripe.js meant for the customer (card declined, form incomplete). */
class StripeError extends Error {}
