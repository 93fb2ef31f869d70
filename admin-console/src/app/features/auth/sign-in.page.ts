import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { PASSWORD_MAX_LENGTH, STAFF_ROLES } from '@repairhub/contracts';
import { AuthStore, FieldA11y, FieldError, applyProblem, readProblem } from '@repairhub/web-core';

@Component({
  selector: 'rh-console-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError, FieldA11y],
  template: `
    <div class="page narrow">
      <h1>Sign in to the console</h1>
      <p class="muted">For RepairHub technicians and admins.</p>
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
        </div>
        <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Signing in…' : 'Sign in' }}</button>
      </form>
    </div>
  `,
  styles: `.narrow { max-width: 28rem; }`,
})
export default class SignInPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
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
        this.busy.set(false);
        void this.router.navigate([STAFF_ROLES.includes(user.role) ? '/' : '/customers']);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }
}
