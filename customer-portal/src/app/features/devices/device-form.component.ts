import { ChangeDetectionStrategy, Component, inject, input, type OnInit, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  DEVICE_BRAND_MAX,
  DEVICE_MODEL_MAX,
  DEVICE_TYPES,
  SERIAL_NUMBER_MAX,
  SERIAL_NUMBER_PATTERN,
  type DeviceType,
  type DeviceView,
  type UpdateDeviceRequest,
} from '@repairhub/contracts';
import { ApiClient, DEVICE_TYPE_LABELS, FieldA11y, FocusInvalid, FieldError, applyProblem, readProblem } from '@repairhub/web-core';
import type { Observable } from 'rxjs';

let nextFormId = 0;

/** Adds a device, or edits one when `device` is given. Emits the stored device. */
@Component({
  selector: 'rh-device-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError, FieldA11y, FocusInvalid],
  template: `
    <form class="stack" [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.aria-label]="device() ? 'Edit device' : 'Add a device'">
      @if (formError(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      <div class="grid">
        <div class="field">
          <label [for]="id + '-type'">Type</label>
          <select [id]="id + '-type'" formControlName="type">
            @for (type of types; track type) {
              <option [value]="type">{{ typeLabels[type] }}</option>
            }
          </select>
          <rh-field-error [for]="id + '-type'" label="Type" [control]="form.controls.type" />
        </div>
        <div class="field">
          <label [for]="id + '-brand'">Brand</label>
          <input [id]="id + '-brand'" formControlName="brand" autocomplete="off" placeholder="e.g. Apple" />
          <rh-field-error [for]="id + '-brand'" label="Brand" [control]="form.controls.brand" />
        </div>
        <div class="field">
          <label [for]="id + '-model'">Model</label>
          <input [id]="id + '-model'" formControlName="model" autocomplete="off" placeholder="e.g. iPhone 13" />
          <rh-field-error [for]="id + '-model'" label="Model" [control]="form.controls.model" />
        </div>
        <div class="field">
          <label [for]="id + '-serial'">Serial number <span class="muted">(optional)</span></label>
          <input
            [id]="id + '-serial'"
            formControlName="serialNumber"
            autocomplete="off"
            spellcheck="false"
            [attr.aria-describedby]="id + '-serial-help'"
            [placeholder]="device()?.hasSerial ? 'Unchanged' : ''"
          />
          <p class="help" [id]="id + '-serial-help'">
            @if (device()?.hasSerial) { Leave empty to keep {{ device()?.serialNumber }}. } @else { Helps us identify your device. Stored encrypted. }
          </p>
          <rh-field-error [for]="id + '-serial'" label="Serial number" [control]="form.controls.serialNumber" patternMessage="Serial number may contain letters, digits, spaces and . / _ : # - and must start with a letter or digit." />
          @if (device()?.hasSerial) {
            <label class="check"><input type="checkbox" formControlName="removeSerial" /> Remove the serial number</label>
          }
        </div>
      </div>
      <div class="row">
        <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Saving…' : device() ? 'Save changes' : 'Add device' }}</button>
        @if (cancellable()) {
          <button type="button" class="button secondary" (click)="cancelled.emit()">Cancel</button>
        }
      </div>
    </form>
  `,
  styles: `
    .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
    .check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
  `,
})
export class DeviceForm implements OnInit {
  private readonly api = inject(ApiClient);
  readonly device = input<DeviceView | null>(null);
  readonly cancellable = input(true);
  readonly saved = output<DeviceView>();
  readonly cancelled = output<void>();

  protected readonly id = `device-form-${nextFormId++}`;
  protected readonly types = DEVICE_TYPES;
  protected readonly typeLabels = DEVICE_TYPE_LABELS;
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    type: ['phone' as DeviceType, Validators.required],
    brand: ['', [Validators.required, Validators.maxLength(DEVICE_BRAND_MAX)]],
    model: ['', [Validators.required, Validators.maxLength(DEVICE_MODEL_MAX)]],
    serialNumber: ['', [Validators.maxLength(SERIAL_NUMBER_MAX), Validators.pattern(SERIAL_NUMBER_PATTERN)]],
    removeSerial: [false],
  });

  ngOnInit(): void {
    const device = this.device();
    if (device) this.form.patchValue({ type: device.type, brand: device.brand, model: device.model });
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const { type, brand, model, serialNumber, removeSerial } = this.form.getRawValue();
    const serial = serialNumber.trim();
    const device = this.device();
    let request: Observable<DeviceView>;
    if (device) {
      const changes: UpdateDeviceRequest = { type, brand: brand.trim(), model: model.trim() };
      if (removeSerial) changes.serialNumber = null;
      else if (serial) changes.serialNumber = serial;
      request = this.api.devices.update(device.id, changes);
    } else {
      request = this.api.devices.create({ type, brand: brand.trim(), model: model.trim(), ...(serial ? { serialNumber: serial } : {}) });
    }
    this.busy.set(true);
    this.formError.set(null);
    request.subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.saved.emit(saved);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }
}
