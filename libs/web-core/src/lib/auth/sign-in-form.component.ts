import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, type UserView } from '@repairhub/contracts';
import { applyProblem, readProblem } from '../errors/problem';
import { FieldA11y } from '../ui/field-a11y.directive';
import { FocusInvalid } from '../ui/focus-invalid.directive';
import { FieldError } from '../ui/field-error.component';
import { AuthStore } from './auth-store';

/**
 * Email + password sign-in, shared by both apps. Emits the signed-in user; where to go next is the
 * page's decision. Stays busy after success, because the page navigates away.
 */
@Component({
  selector: 'rh-sign-in-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FieldError, FieldA11y, FocusInvalid],
  template: `
    @if (passwordReset()) {
      <p class="notice success" role="status">Your new password is set and you were signed out everywhere. Sign in with the new password.</p>
    }
    @if (expired()) {
      <p class="notice" role="status">Your session ended. Sign in again to continue where you were.</p>
    }
    <form class="card stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (formError(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      <div class="field">
        <label for="email">Email</label>
        <input id="email" type="email" formControlName="email" autocomplete="username" inputmode="email" />
        <rh-field-error for="email" label="Email" [control]="form.controls.email" />
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input id="password" type="password" formControlName="password" autocomplete="current-password" />
        <rh-field-error for="password" label="Password" [control]="form.controls.password" />
        <a class="forgot" [routerLink]="forgotLink()">Forgot password?</a>
      </div>
      <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Signing in…' : 'Sign in' }}</button>
    </form>
  `,
  styles: `
    :host { display: grid; gap: 1rem; }
    .notice { background: var(--warning-soft); color: var(--warning-text); padding: .75rem 1rem; border-radius: var(--radius); margin: 0; }
    .notice.success { background: var(--success-soft); color: #14532d; }
    .forgot { justify-self: start; font-size: .875rem; }
  `,
})
export class SignInForm {
  private readonly auth = inject(AuthStore);
  /** Shows why the user is here: their session ended while they were working. */
  readonly expired = input(false);
  /** Shows that the user just chose a new password with an emailed link. */
  readonly passwordReset = input(false);
  /** The app's page that emails a reset link. */
  readonly forgotLink = input.required<string>();
  readonly signedIn = output<UserView>();

  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.formError.set(null);
    this.auth.signIn(this.form.getRawValue()).subscribe({
      next: (user) => this.signedIn.emit(user),
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }
}
