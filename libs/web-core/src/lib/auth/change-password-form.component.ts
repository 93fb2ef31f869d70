import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';
import { applyProblem, readProblem } from '../errors/problem';
import { FieldA11y } from '../ui/field-a11y.directive';
import { FieldError } from '../ui/field-error.component';
import { AuthStore } from './auth-store';

export const PASSWORD_CHANGED_MESSAGE = 'Password changed. You were signed out on your other devices.';

/** The confirmation must repeat the sibling control `passwordControl`; the message shows beside the confirmation. */
export function repeatsPassword(passwordControl: string) {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    if (!control.value) return { repeat: 'Type your new password again to confirm it.' };
    const wanted = control.parent?.get(passwordControl)?.value as string | undefined;
    return control.value === wanted ? null : { mismatch: 'This does not match your new password.' };
  };
}

/**
 * Change the signed-in user's password, shared by both apps' account pages. The server's field
 * messages (wrong current password, weak or unchanged new one) show beside their fields; on success
 * the form empties and a live region says so. This session keeps going, the others end.
 *
 * The button stays focusable while busy (`aria-disabled`, not `disabled`) so focus is not lost to the
 * page; a second submit while busy is ignored.
 */
@Component({
  selector: 'rh-change-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError, FieldA11y],
  template: `
    <form class="stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (formError(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      @if (auth.user()?.email; as email) {
        <!-- Lets password managers tell whose password changes. -->
        <input type="email" name="username" autocomplete="username" [value]="email" readonly hidden />
      }
      <div class="field">
        <label for="currentPassword">Current password</label>
        <input id="currentPassword" type="password" formControlName="currentPassword" autocomplete="current-password" />
        <rh-field-error for="currentPassword" label="Current password" [control]="form.controls.currentPassword" />
      </div>
      <div class="field">
        <label for="newPassword">New password</label>
        <input id="newPassword" type="password" formControlName="newPassword" autocomplete="new-password" aria-describedby="newPassword-help" />
        <p class="help" id="newPassword-help">At least {{ minLength }} characters. A passphrase of a few words works well.</p>
        <rh-field-error for="newPassword" label="New password" [control]="form.controls.newPassword" />
      </div>
      <div class="field">
        <label for="confirmPassword">Confirm new password</label>
        <input id="confirmPassword" type="password" formControlName="confirmPassword" autocomplete="new-password" />
        <rh-field-error for="confirmPassword" label="Confirm new password" [control]="form.controls.confirmPassword" />
      </div>
      <div>
        <button type="submit" class="button primary" [attr.aria-disabled]="busy() || null">
          {{ busy() ? 'Changing password…' : 'Change password' }}
        </button>
      </div>
    </form>
    <p class="status" role="status">{{ done() }}</p>
  `,
  styles: `
    :host { display: block; max-width: 28rem; }
    .button[aria-disabled='true'] { opacity: .6; cursor: progress; }
    .status { margin: .75rem 0 0; color: var(--success); font-weight: 600; }
  `,
})
export class ChangePasswordForm {
  private readonly api = inject(ApiClient);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  protected readonly auth = inject(AuthStore);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly done = signal('');
  protected readonly formError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    confirmPassword: ['', repeatsPassword('newPassword')],
  });

  constructor() {
    const { newPassword, confirmPassword } = this.form.controls;
    newPassword.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => confirmPassword.updateValueAndValidity());
  }

  protected submit(): void {
    if (this.busy()) return;
    this.done.set('');
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    this.formError.set(null);
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.api.auth.changePassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.busy.set(false);
        this.form.reset();
        this.done.set(PASSWORD_CHANGED_MESSAGE);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
        this.focusFirstInvalid();
      },
    });
  }

  /** `FieldA11y` marks the inputs synchronously, so the first marked one is where to go next. */
  private focusFirstInvalid(): void {
    this.host.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }
}
