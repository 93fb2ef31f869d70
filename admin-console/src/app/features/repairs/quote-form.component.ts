import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import {
  MAX_AMOUNT_MINOR,
  QUOTE_DEFAULT_TTL_DAYS,
  QUOTE_MAX_TTL_DAYS,
  QUOTE_NOTES_MAX,
  minorUnits,
  type CreateQuoteRequest,
  type Currency,
  type QuoteView,
} from '@repairhub/contracts';
import { ApiClient, FieldA11y, FocusInvalid, FieldError, ShopSettings, applyProblem, formatMoney, readProblem, toMinor } from '@repairhub/web-core';

const DEFAULT_CURRENCY: Currency = 'usd';
const dateOnly = (date: Date) => date.toISOString().slice(0, 10);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

/**
 * Issues a quote for a repair. The total beside the form follows the inputs as they are typed; the
 * quote the server returns (with the total it computed) is what counts and is emitted.
 */
@Component({
  selector: 'rh-quote-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError, FieldA11y, FocusInvalid],
  template: `
    <form class="stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="quote-form-heading">
      <h3 id="quote-form-heading">{{ replacing() ? 'Issue a new quote' : 'Issue a quote' }}</h3>
      @if (replacing()) {
        <p class="muted">The customer's open quote is withdrawn when you issue this one.</p>
      }
      @if (formError(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      <div class="grid">
        <div class="field">
          <label for="q-parts">Parts</label>
          <input id="q-parts" formControlName="partsCost" inputmode="decimal" autocomplete="off" />
          <rh-field-error for="q-parts" label="Parts" [control]="form.controls.partsCost" />
        </div>
        <div class="field">
          <label for="q-labor">Labour</label>
          <input id="q-labor" formControlName="laborCost" inputmode="decimal" autocomplete="off" />
          <rh-field-error for="q-labor" label="Labour" [control]="form.controls.laborCost" />
        </div>
        <div class="field">
          <label for="q-currency">Currency</label>
          <select id="q-currency" formControlName="currency">
            @for (c of currencies(); track c) { <option [value]="c">{{ c.toUpperCase() }}</option> }
          </select>
          <rh-field-error for="q-currency" label="Currency" [control]="form.controls.currency" />
        </div>
        <div class="field">
          <label for="q-expires">Valid until</label>
          <input id="q-expires" type="date" formControlName="expiresAt" [min]="minDate" [max]="maxDate" />
          <rh-field-error for="q-expires" label="Valid until" [control]="form.controls.expiresAt" />
        </div>
      </div>
      <div class="field">
        <label for="q-notes">Notes for the customer <span class="muted">(optional)</span></label>
        <textarea id="q-notes" rows="3" formControlName="notes"></textarea>
        <rh-field-error for="q-notes" label="Notes" [control]="form.controls.notes" />
      </div>
      <p class="total" aria-live="polite">
        @if (total(); as amount) {
          Total for the customer: <strong data-testid="quote-total">{{ amount }}</strong><span class="muted">&nbsp;(parts + labour)</span>
        } @else {
          <span class="muted" data-testid="quote-total">The total shows here once parts and labour are filled in.</span>
        }
      </p>
      <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Sending the quote…' : 'Send quote' }}</button>
    </form>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem 1rem; }
    h3 { margin: 0; }
    .total { font-size: 1.125rem; margin: 0; }
  `,
})
export class QuoteForm {
  private readonly api = inject(ApiClient);
  readonly repairRequestId = input.required<string>();
  /** True when an open quote exists: issuing withdraws it. */
  readonly replacing = input(false);
  readonly issued = output<QuoteView>();

  private readonly settings = inject(ShopSettings);
  private readonly shop = rxResource({ stream: () => this.settings.load() });
  /** Only what the shop takes (the server refuses others); the form's default until the settings arrive. */
  protected readonly currencies = computed<readonly Currency[]>(() => (this.shop.hasValue() ? this.shop.value().currencies : [DEFAULT_CURRENCY]));
  protected readonly minDate = dateOnly(daysFromNow(1));
  protected readonly maxDate = dateOnly(daysFromNow(QUOTE_MAX_TTL_DAYS - 1));
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);

  private readonly amount = (control: AbstractControl): ValidationErrors | null => {
    const currency = (control.parent?.get('currency')?.value ?? 'usd') as Currency;
    if (control.value === '' || control.value === null) return null;
    const minor = toMinor(String(control.value), currency);
    if (minor === null) return { amount: minorUnits(currency) === 0 ? 'Enter a whole amount, e.g. 1500.' : 'Enter an amount such as 49.99.' };
    if (minor > MAX_AMOUNT_MINOR) return { amount: 'That amount is too large.' };
    return null;
  };

  protected readonly form = inject(NonNullableFormBuilder).group({
    partsCost: ['', [Validators.required, this.amount]],
    laborCost: ['', [Validators.required, this.amount]],
    currency: [DEFAULT_CURRENCY, Validators.required],
    expiresAt: [dateOnly(daysFromNow(QUOTE_DEFAULT_TTL_DAYS)), Validators.required],
    notes: ['', Validators.maxLength(QUOTE_NOTES_MAX)],
  });

  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /** The live total as the technician types, or null while an amount is not valid. */
  protected readonly total = computed(() => {
    const v = { ...this.form.getRawValue(), ...this.values() };
    const parts = toMinor(v.partsCost ?? '', v.currency as Currency);
    const labor = toMinor(v.laborCost ?? '', v.currency as Currency);
    if (parts === null || labor === null) return null;
    return formatMoney(parts + labor, v.currency as Currency);
  });

  constructor() {
    effect(() => {
      const currency = this.shop.value()?.currency;
      if (currency && this.form.controls.currency.pristine) this.form.controls.currency.setValue(currency);
    });
    // Amounts are checked against the currency's decimals, so re-check them when it changes.
    this.form.controls.currency.valueChanges.subscribe(() => {
      this.form.controls.partsCost.updateValueAndValidity({ emitEvent: false });
      this.form.controls.laborCost.updateValueAndValidity({ emitEvent: false });
    });
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const v = this.form.getRawValue();
    // End of the chosen day in UTC, so "valid until" includes that whole day.
    const body: CreateQuoteRequest = {
      repairRequestId: this.repairRequestId(),
      partsCost: toMinor(v.partsCost, v.currency)!,
      laborCost: toMinor(v.laborCost, v.currency)!,
      currency: v.currency,
      expiresAt: new Date(`${v.expiresAt}T23:59:59.000Z`).toISOString(),
      ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
    };
    this.busy.set(true);
    this.formError.set(null);
    this.api.quotes.create(body).subscribe({
      next: (quote) => {
        this.busy.set(false);
        this.form.reset();
        this.issued.emit(quote);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }
}
