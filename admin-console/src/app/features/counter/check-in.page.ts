import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import {
  ACCESSORY_MAX,
  COMMON_ACCESSORIES,
  DEPOSIT_NOTE_MAX,
  DEVICE_BRAND_MAX,
  DEVICE_CONDITION_MAX,
  DEVICE_MODEL_MAX,
  DEVICE_TYPES,
  ISSUE_DESCRIPTION_MAX,
  ISSUE_DESCRIPTION_MIN,
  NAME_MAX_LENGTH,
  PHONE_MAX,
  SERIAL_NUMBER_MAX,
  SERIAL_NUMBER_PATTERN,
  URGENCIES,
  type CheckInInvitation,
  type CounterCustomer,
  type DeviceType,
  type Urgency,
} from '@repairhub/contracts';
import { ApiClient, AuthStore, DEVICE_TYPE_LABELS, FieldA11y, FieldError, Notifier, URGENCY_LABELS, applyProblem, focusAfterRender, focusFirstInvalid, readProblem } from '@repairhub/web-core';
import { map, startWith } from 'rxjs';
import { toCheckInRequest } from './check-in-request';
import { contactLine, newCustomerContact } from './customer-contact';
import { CustomerSearch } from './customer-search.component';

const CONTACT_REQUIRED = 'Give the customer’s email or phone number.';

/** What staff read after checking in: whether the customer was invited, and what to hand them otherwise. */
const CHECKED_IN: Record<CheckInInvitation, (ticket: string) => string> = {
  sent: (ticket) => `Checked in as ${ticket}. The customer was emailed an invitation to their account. Print the label and the customer’s copy from the repair page.`,
  has_password: (ticket) => `Checked in as ${ticket}. Print the label and the customer’s copy from the repair page.`,
  no_email: (ticket) => `Checked in as ${ticket}. No invitation was sent (no email): print the customer’s copy, its link is how they follow the repair.`,
};

/**
 * Staff check a walk-in customer's device in: find or describe the customer, pick or describe the
 * device, then the problem and what was left with it. The server finds an existing customer by email
 * or phone, so a chosen customer is sent by email only (by phone when they have no email).
 */
@Component({
  selector: 'rh-check-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldA11y, FieldError, CustomerSearch],
  template: `
    <div class="page">
      <h1>Check a device in</h1>
      <form class="stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (formError(); as message) {
          <p class="form-error" role="alert" tabindex="-1">{{ message }}</p>
        }
        <section class="card stack" aria-labelledby="customer-heading">
          <h2 id="customer-heading">1. Customer</h2>
          @if (chosen(); as c) {
            <div class="chosen">
              <p><strong>{{ c.name }}</strong><br /><span class="muted">{{ contactOf(c) }}</span></p>
              <button type="button" class="button secondary small" (click)="unchoose()">Change customer</button>
            </div>
          } @else {
            <rh-customer-search (chosen)="choose($event)" />
            <fieldset class="stack new-customer" formGroupName="customer">
              <legend>New customer</legend>
              <div class="grid">
                <div class="field">
                  <label for="customer-name">Name</label>
                  <input id="customer-name" formControlName="name" autocomplete="off" />
                  <rh-field-error for="customer-name" label="Name" [control]="form.controls.customer.controls.name" />
                </div>
                <div class="field">
                  <label for="customer-email">Email</label>
                  <input id="customer-email" type="email" formControlName="email" autocomplete="off" aria-describedby="customer-email-help" />
                  <p class="help" id="customer-email-help">They get an invitation to their account here. A new customer needs an email or a phone number.</p>
                  <rh-field-error for="customer-email" label="Email" [control]="form.controls.customer.controls.email" />
                </div>
                <div class="field">
                  <label for="customer-phone">Phone</label>
                  <input id="customer-phone" type="tel" formControlName="phone" autocomplete="off" [attr.aria-describedby]="contact() === 'phone-only' ? 'customer-phone-only' : null" />
                  <rh-field-error for="customer-phone" label="Phone" [control]="form.controls.customer.controls.phone" />
                </div>
              </div>
              <div aria-live="polite">
                @if (contact() === 'phone-only') {
                  <p class="help" id="customer-phone-only">With no email, no invitation goes out: the tracking link on the printed customer slip is how they follow the repair.</p>
                }
              </div>
            </fieldset>
          }
        </section>

        <section class="card stack" aria-labelledby="device-heading">
          <h2 id="device-heading">2. Device</h2>
          @if (chosen()?.devices?.length) {
            <fieldset class="choices">
              <legend class="visually-hidden">Which device</legend>
              @for (d of chosen()!.devices; track d.id) {
                <label class="choice" [class.selected]="deviceId() === d.id">
                  <input type="radio" formControlName="deviceId" [value]="d.id" />
                  <span><strong>{{ d.brand }} {{ d.model }}</strong><br /><span class="muted">{{ typeLabels[d.type] }}</span></span>
                </label>
              }
              <label class="choice" [class.selected]="deviceId() === ''">
                <input type="radio" formControlName="deviceId" value="" />
                <span><strong>Another device</strong></span>
              </label>
            </fieldset>
          }
          @if (deviceId() === '') {
            <div class="grid" formGroupName="device">
              <div class="field">
                <label for="device-type">Type</label>
                <select id="device-type" formControlName="type">
                  @for (type of types; track type) { <option [value]="type">{{ typeLabels[type] }}</option> }
                </select>
              </div>
              <div class="field">
                <label for="device-brand">Brand</label>
                <input id="device-brand" formControlName="brand" autocomplete="off" />
                <rh-field-error for="device-brand" label="Brand" [control]="form.controls.device.controls.brand" />
              </div>
              <div class="field">
                <label for="device-model">Model</label>
                <input id="device-model" formControlName="model" autocomplete="off" />
                <rh-field-error for="device-model" label="Model" [control]="form.controls.device.controls.model" />
              </div>
              <div class="field">
                <label for="device-serial">Serial number <span class="muted">(optional)</span></label>
                <input id="device-serial" formControlName="serialNumber" autocomplete="off" spellcheck="false" />
                <rh-field-error for="device-serial" label="Serial number" [control]="form.controls.device.controls.serialNumber" patternMessage="Serial number may contain letters, digits, spaces and . / _ : # - and must start with a letter or digit." />
              </div>
            </div>
          }
        </section>

        <section class="card stack" aria-labelledby="problem-heading">
          <h2 id="problem-heading">3. Problem and condition</h2>
          <div class="field">
            <label for="issueDescription">Problem, as the customer describes it</label>
            <textarea id="issueDescription" formControlName="issueDescription" rows="3"></textarea>
            <rh-field-error for="issueDescription" label="Problem" [control]="form.controls.issueDescription" />
          </div>
          <fieldset class="field">
            <legend>Urgency</legend>
            <div class="urgencies">
              @for (u of urgencies; track u) {
                <label class="choice compact" [class.selected]="urgency() === u"><input type="radio" formControlName="urgency" [value]="u" /> {{ urgencyLabels[u] }}</label>
              }
            </div>
          </fieldset>
          <div class="field">
            <label for="condition">Condition <span class="muted">(optional)</span></label>
            <textarea id="condition" formControlName="condition" rows="2" aria-describedby="condition-help"></textarea>
            <p class="help" id="condition-help">Scratches, dents, a cracked back: what it looks like as it is left here.</p>
            <rh-field-error for="condition" label="Condition" [control]="form.controls.condition" />
          </div>
          <fieldset class="field">
            <legend>Left with the device</legend>
            <div class="checks">
              @for (a of commonAccessories; track a) {
                <label class="check"><input type="checkbox" [checked]="accessories().includes(a)" (change)="toggleAccessory(a, $any($event.target).checked)" /> {{ a }}</label>
              }
            </div>
            <label for="otherAccessories" class="sub-label">Anything else <span class="muted">(comma-separated)</span></label>
            <input id="otherAccessories" formControlName="otherAccessories" autocomplete="off" />
            <rh-field-error for="otherAccessories" label="Anything else" [control]="form.controls.otherAccessories" />
          </fieldset>
          <div class="field">
            <label for="depositNote">Deposit <span class="muted">(optional)</span></label>
            <input id="depositNote" formControlName="depositNote" autocomplete="off" aria-describedby="deposit-help" />
            <p class="help" id="deposit-help">e.g. “£20 cash, receipt 117”. Shown to staff and on the customer’s copy.</p>
            <rh-field-error for="depositNote" label="Deposit" [control]="form.controls.depositNote" />
          </div>
          @if (isTechnician()) {
            <label class="check"><input type="checkbox" formControlName="assignToMe" /> Assign the repair to me</label>
          }
        </section>

        <div class="row">
          <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Checking in…' : 'Check in' }}</button>
        </div>
      </form>
    </div>
  `,
  styles: `
    h2, p { margin: 0; }
    fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
    legend { font-weight: 600; padding: 0; margin-bottom: .25rem; }
    .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
    .chosen { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .75rem; overflow-wrap: anywhere; }
    .choices, .urgencies { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
    .choice { display: flex; gap: .75rem; align-items: flex-start; border: 1px solid var(--border-strong); border-radius: var(--radius); padding: .75rem; cursor: pointer; font-weight: 400; background: var(--surface); }
    .choice.compact { align-items: center; }
    .choice.selected { border-color: var(--primary); background: var(--primary-soft); box-shadow: inset 0 0 0 1px var(--primary); }
    .checks { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin-bottom: .5rem; }
    .check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
    .sub-label { font-weight: 600; }
  `,
})
export default class CheckInPage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly auth = inject(AuthStore);

  protected readonly isTechnician = computed(() => this.auth.role() === 'technician');
  protected readonly types = DEVICE_TYPES;
  protected readonly typeLabels = DEVICE_TYPE_LABELS;
  protected readonly urgencies = URGENCIES;
  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly commonAccessories = COMMON_ACCESSORIES;
  protected readonly chosen = signal<CounterCustomer | null>(null);
  protected readonly accessories = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    customer: this.fb.group({
      name: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
      email: ['', [Validators.email, Validators.maxLength(254)]],
      phone: ['', [Validators.maxLength(PHONE_MAX)]],
    }),
    deviceId: [''],
    device: this.fb.group({
      type: ['phone' as DeviceType, Validators.required],
      brand: ['', [Validators.required, Validators.maxLength(DEVICE_BRAND_MAX)]],
      model: ['', [Validators.required, Validators.maxLength(DEVICE_MODEL_MAX)]],
      serialNumber: ['', [Validators.maxLength(SERIAL_NUMBER_MAX), Validators.pattern(SERIAL_NUMBER_PATTERN)]],
    }),
    issueDescription: ['', [Validators.required, Validators.minLength(ISSUE_DESCRIPTION_MIN), Validators.maxLength(ISSUE_DESCRIPTION_MAX)]],
    urgency: ['normal' as Urgency, Validators.required],
    condition: ['', Validators.maxLength(DEVICE_CONDITION_MAX)],
    otherAccessories: ['', Validators.maxLength(ACCESSORY_MAX * 5)],
    depositNote: ['', Validators.maxLength(DEPOSIT_NOTE_MAX)],
    assignToMe: [true],
  });

  protected readonly deviceId = toSignal(this.form.controls.deviceId.valueChanges.pipe(startWith('')), { initialValue: '' });
  protected readonly urgency = toSignal(this.form.controls.urgency.valueChanges, { initialValue: 'normal' as Urgency });
  protected readonly contact = toSignal(this.form.controls.customer.valueChanges.pipe(map(() => newCustomerContact(this.form.controls.customer.getRawValue()))), {
    initialValue: 'missing' as const,
  });
  protected readonly contactOf = contactLine;

  constructor() {
    // "Email or phone" sits on the email field: a phone typed afterwards answers it, so it goes at once.
    const { email, phone } = this.form.controls.customer.controls;
    phone.valueChanges.subscribe(() => {
      if (email.hasError('contact')) email.updateValueAndValidity();
    });
    this.form.controls.deviceId.valueChanges.subscribe((id) => {
      if (id) this.form.controls.device.disable({ emitEvent: false });
      else this.form.controls.device.enable({ emitEvent: false });
    });
  }

  protected choose(customer: CounterCustomer): void {
    this.chosen.set(customer);
    // Sent by email alone (by phone when they have none): the server finds them by it, and a phone typed differently cannot clash.
    this.form.controls.customer.setValue({ name: customer.name, email: customer.email ?? '', phone: customer.email ? '' : (customer.phone ?? '') });
    this.form.controls.deviceId.setValue(customer.devices[0]?.id ?? '');
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>('.chosen button'));
  }

  protected unchoose(): void {
    this.chosen.set(null);
    this.form.controls.customer.reset();
    this.form.controls.deviceId.setValue('');
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>('#customer-search'));
  }

  protected toggleAccessory(name: string, on: boolean): void {
    this.accessories.update((list) => (on ? [...list, name] : list.filter((a) => a !== name)));
  }

  protected submit(): void {
    this.formError.set(null);
    const customer = this.form.controls.customer.controls;
    if (newCustomerContact(this.form.controls.customer.getRawValue()) === 'missing') customer.email.setErrors({ contact: CONTACT_REQUIRED });
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) {
      this.focusFirstProblem();
      return;
    }
    this.busy.set(true);
    const request = toCheckInRequest({ ...this.form.getRawValue(), accessories: this.accessories() }, this.isTechnician());
    this.api.counter.checkIn(request).subscribe({
      next: (repair) => {
        this.notifier.success(CHECKED_IN[repair.invitation](repair.ticketNumber));
        void this.router.navigate(['/repairs', repair.id]);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = readProblem(error);
        if (this.chosen() && Object.keys(problem.fieldErrors).some((f) => f.startsWith('customer.'))) {
          this.formError.set(problem.message);
        } else {
          this.formError.set(applyProblem(this.form, problem));
        }
        this.focusFirstProblem();
      },
    });
  }

  private focusFirstProblem(): void {
    focusAfterRender(this.injector, () => {
      if (focusFirstInvalid(this.host)) return null;
      return this.host.querySelector<HTMLElement>('.form-error');
    });
  }
}
