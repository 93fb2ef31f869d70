import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH } from '@repairhub/contracts';
import { AuthStore, FieldA11y, FieldError, applyProblem, readProblem } from '@repairhub/web-core';
import { safeReturnUrl } from '../../core/return-url';

@Component({
  selector: 'rh-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FieldError, FieldA11y],
  template: `
    <div class="page narrow">
      <h1>Sign in</h1>
      @if (expired()) {
        <p class="notice" role="status">Your session ended. Sign in again to continue where you were.</p>
      }
      <form class="card stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (formError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        <div class="field">
          <label for="email">Email</label>
          <input id="email" type="email" formControlName="email" autocomplete="email" inputmode="email" />
          <rh-field-error for="email" label="Email" [control]="form.controls.email" />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" type="password" formControlName="password" autocomplete="current-password" />
          <rh-field-error for="password" label="Password" [control]="form.controls.password" />
        </div>
        <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Signing in…' : 'Sign in' }}</button>
      </form>
      <p>New to RepairHub? <a routerLink="/sign-up" [queryParams]="returnUrl() ? { returnUrl: returnUrl() } : {}">Create an account</a></p>
    </div>
  `,
  styles: `
    .narrow { max-width: 28rem; }
    .notice { background: var(--warning-soft); color: var(--warning-text); padding: .75rem 1rem; border-radius: var(--radius); margin: 0; }
  `,
})
export default class SignInPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

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
      next: (user) => {
        if (user.role !== 'customer') {
          // Staff work in the console; the session cookie is shared, so they arrive signed in.
          window.location.assign('/console/');
          return;
        }
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), '/repairs'));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }
}
