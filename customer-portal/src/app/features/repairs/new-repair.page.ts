import { ChangeDetectionStrategy, Component, ElementRef, Injector, effect, inject, input, signal, viewChild } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { ISSUE_DESCRIPTION_MAX, ISSUE_DESCRIPTION_MIN, MAX_PAGE_LIMIT, URGENCIES, isErrorIn, type DeviceView, type Urgency } from '@repairhub/contracts';
import {
  ATTACHMENT_ACCEPT,
  ApiClient,
  DEVICE_TYPE_LABELS,
  ErrorState,
  FieldA11y,
  FieldError,
  Loading,
  Notifier,
  URGENCY_LABELS,
  applyProblem,
  attachmentFileProblem,
  focusAfterRender,
  focusFirstInvalid,
  readProblem,
  uploadAll,
} from '@repairhub/web-core';
import { map } from 'rxjs';
import { DeviceForm } from '../devices/device-form.component';
import { DropOffPicker } from './drop-off-picker.component';

@Component({
  selector: 'rh-new-repair-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError, FieldA11y, DeviceForm, Loading, ErrorState, DropOffPicker],
  template: `
    <div class="page">
      <h1>New repair request</h1>

      @if (devices.isLoading() && !devices.hasValue()) {
        <rh-loading label="Loading your devices…" />
      } @else if (devices.error()) {
        <rh-error-state title="We couldn't load your devices" [error]="devices.error()" (retry)="devices.reload()" />
      } @else if (devices.hasValue()) {
        <section class="card stack" aria-labelledby="device-heading">
          <h2 id="device-heading">1. Which device needs fixing?</h2>
          @if (devices.value().length > 0) {
            <fieldset [attr.aria-describedby]="deviceError() ? 'device-error' : null">
              <legend class="visually-hidden">Device</legend>
              <div class="choices">
                @for (device of devices.value(); track device.id) {
                  <label class="choice" [class.selected]="form.controls.deviceId.value === device.id">
                    <input type="radio" name="deviceId" [value]="device.id" [attr.data-device]="device.id" [checked]="form.controls.deviceId.value === device.id" (change)="chooseDevice(device.id)" />
                    <span><strong>{{ device.brand }} {{ device.model }}</strong><br /><span class="muted">{{ typeLabels[device.type] }}</span></span>
                  </label>
                }
              </div>
            </fieldset>
            @if (!addingDevice()) {
              <button type="button" class="button link add" (click)="addingDevice.set(true)">+ Add another device</button>
            }
          } @else {
            <p class="muted">Add your device first — it takes a few seconds.</p>
          }
          @if (addingDevice() || devices.value().length === 0) {
            <rh-device-form [cancellable]="devices.value().length > 0" (saved)="deviceAdded($event)" (cancelled)="addingDevice.set(false)" />
          }
          @if (deviceError(); as message) {
            <p class="field-error" id="device-error">{{ message }}</p>
          }
        </section>

        <form class="card stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="issue-heading">
          <h2 id="issue-heading">2. What's wrong?</h2>
          @if (formError(); as message) {
            <p class="form-error" role="alert">{{ message }}</p>
          }
          <div class="field">
            <label for="issueDescription">Describe the problem</label>
            <textarea
              id="issueDescription"
              formControlName="issueDescription"
              rows="5"
              aria-describedby="issue-help"
              placeholder="e.g. The screen cracked after a fall and the touch no longer works in the lower half."
            ></textarea>
            <p class="help" id="issue-help">What happened, what you see, anything you already tried. {{ descriptionLength() }} / {{ maxLength }} characters.</p>
            <rh-field-error for="issueDescription" label="Issue description" [control]="form.controls.issueDescription" />
          </div>
          <fieldset class="field">
            <legend>How urgent is it?</legend>
            <div class="urgencies">
              @for (urgency of urgencies; track urgency) {
                <label class="choice compact" [class.selected]="form.controls.urgency.value === urgency">
                  <input type="radio" formControlName="urgency" [value]="urgency" />
                  {{ urgencyLabels[urgency] }}
                </label>
              }
            </div>
          </fieldset>
          <rh-drop-off-picker [(value)]="dropOffAt" />
          <div class="field">
            <span class="label" id="photos-label">Photos of the damage <span class="muted">(optional)</span></span>
            <input #photos type="file" id="photos" class="visually-hidden" [accept]="accept" multiple (change)="choosePhotos(photos)" aria-describedby="photos-help" />
            <label for="photos" class="button secondary add-photos">Add photos</label>
            <p class="help" id="photos-help">JPEG, PNG, WebP, HEIC or PDF, up to 10 MB each. Location and camera details are removed from photos.</p>
            @if (photoProblems().length) {
              <ul class="field-error" role="alert">
                @for (p of photoProblems(); track $index) { <li>{{ p }}</li> }
              </ul>
            }
            @if (files().length) {
              <ul class="files" aria-label="Photos to send">
                @for (f of files(); track $index) {
                  <li><span>📎 {{ f.name }}</span> <button type="button" class="button link small" (click)="removeFile(f)" [attr.aria-label]="'Remove ' + f.name">Remove</button></li>
                }
              </ul>
            }
          </div>
          <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send request' }}</button>
        </form>
      }
    </div>
  `,
  styles: `
    .choices, .urgencies { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
    .choice { display: flex; gap: .75rem; align-items: flex-start; border: 1px solid var(--border-strong); border-radius: var(--radius); padding: .75rem; cursor: pointer; font-weight: 400; background: var(--surface); }
    .choice.compact { align-items: center; }
    .choice.selected { border-color: var(--primary); background: var(--primary-soft); box-shadow: inset 0 0 0 1px var(--primary); }
    .choice input { margin-top: .2rem; }
    .add { justify-self: start; }
    .add-photos { justify-self: start; cursor: pointer; }
    #photos:focus-visible + label { box-shadow: var(--focus); }
    .files { list-style: none; margin: .25rem 0 0; padding: 0; display: grid; gap: .25rem; overflow-wrap: anywhere; }
    .label { font-weight: 600; }
  `,
})
export default class NewRepairPage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  /** `?device=<id>` preselects a device (from "Request a repair" on the devices page). */
  readonly device = input<string>();

  protected readonly typeLabels = DEVICE_TYPE_LABELS;
  protected readonly urgencies = URGENCIES;
  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly maxLength = ISSUE_DESCRIPTION_MAX;
  protected readonly addingDevice = signal(false);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly deviceError = signal<string | null>(null);
  protected readonly accept = ATTACHMENT_ACCEPT;
  /** Photos chosen for the request; uploaded once it exists. */
  protected readonly files = signal<File[]>([]);
  protected readonly photoProblems = signal<string[]>([]);
  /** The drop-off slot's start, or null for no appointment. */
  protected readonly dropOffAt = signal<string | null>(null);
  private readonly dropOffPicker = viewChild(DropOffPicker);

  protected readonly form = inject(NonNullableFormBuilder).group({
    deviceId: ['', Validators.required],
    issueDescription: ['', [Validators.required, Validators.minLength(ISSUE_DESCRIPTION_MIN), Validators.maxLength(ISSUE_DESCRIPTION_MAX)]],
    urgency: ['normal' as Urgency, Validators.required],
  });
  protected readonly descriptionLength = toSignal(this.form.controls.issueDescription.valueChanges.pipe(map((v) => v.length)), { initialValue: 0 });

  protected readonly devices = rxResource({
    stream: () => this.api.devices.list({ limit: MAX_PAGE_LIMIT }).pipe(map((page) => page.items)),
  });

  constructor() {
    effect(() => {
      if (!this.devices.hasValue() || this.form.controls.deviceId.value) return;
      const list = this.devices.value();
      const wanted = list.find((d) => d.id === this.device()) ?? (list.length === 1 ? list[0] : undefined);
      if (wanted) this.chooseDevice(wanted.id);
    });
  }

  protected chooseDevice(id: string): void {
    this.form.controls.deviceId.setValue(id);
    this.deviceError.set(null);
  }

  protected deviceAdded(device: DeviceView): void {
    this.addingDevice.set(false);
    this.devices.update((list) => [...(list ?? []), device]);
    this.chooseDevice(device.id);
    this.notifier.success(`${device.brand} ${device.model} added.`);
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>(`input[data-device="${device.id}"]`));
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.controls.deviceId.invalid) {
      this.deviceError.set(
        this.devices.value()?.length ? 'Choose the device to repair, or add it above.' : 'Add the device to repair first: its type, brand and model are enough.',
      );
    }
    if (this.form.invalid || this.busy()) {
      this.focusFirstProblem();
      return;
    }
    const { deviceId, issueDescription, urgency } = this.form.getRawValue();
    this.busy.set(true);
    this.formError.set(null);
    const dropOffAt = this.dropOffAt();
    this.api.repairs.create({ deviceId, issueDescription: issueDescription.trim(), urgency, ...(dropOffAt ? { dropOffAt } : {}) }).subscribe({
      next: async (repair) => {
        const problems = await uploadAll(this.api, repair.id, this.files(), () => undefined);
        this.notifier.success(dropOffAt ? 'Request sent and drop-off booked. A technician will review it and send you a quote.' : 'Request sent. A technician will review it and send you a quote.');
        // The request stands; a refused photo can be added again from its page.
        if (problems.length) this.notifier.error(`Some photos were not attached: ${problems.join(' ')}`);
        void this.router.navigate(['/repairs', repair.id]);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = readProblem(error);
        // The slot was taken meanwhile or has just passed: show the times as they are now.
        if (isErrorIn(problem.code, 'APPOINTMENT')) this.dropOffPicker()?.refresh();
        if (problem.fieldErrors['deviceId']) this.deviceError.set(problem.fieldErrors['deviceId'].join(' '));
        this.formError.set(applyProblem(this.form, problem));
        this.focusFirstProblem();
      },
    });
  }

  protected choosePhotos(input: HTMLInputElement): void {
    const chosen = [...(input.files ?? [])];
    input.value = '';
    const problems = chosen.map(attachmentFileProblem).filter((p): p is string => p !== null);
    this.photoProblems.set(problems);
    this.files.update((list) => [...list, ...chosen.filter((f) => !attachmentFileProblem(f))]);
  }

  protected removeFile(file: File): void {
    this.files.update((list) => list.filter((f) => f !== file));
  }

  /** The device comes first on the page, then the form's fields; else the message above the form. */
  private focusFirstProblem(): void {
    focusAfterRender(this.injector, () => {
      if (this.deviceError()) return this.host.querySelector<HTMLElement>('input[name="deviceId"]') ?? this.host.querySelector<HTMLElement>('rh-device-form input');
      if (focusFirstInvalid(this.host)) return null;
      return this.host.querySelector<HTMLElement>('.form-error');
    });
  }
}
