import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@repairhub/contracts';
import { AuthStore, FieldA11y, FocusInvalid, FieldError, Notifier, applyProblem, readProblem, safeReturnUrl } from '@repairhub/web-core';

@Component({
  selector: 'rh-sign-up-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FieldError, FieldA11y, FocusInvalid],
  template: `
    <div class="page narrow">
      <h1>Create your account</h1>
      <p class="muted">Request a repair, approve the quote and chat with your technician — all in one place.</p>
      <form class="card stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (formError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        <div class="field">
          <label for="name">Your name</label>
          <input id="name" type="text" formControlName="name" autocomplete="name" />
          <rh-field-error for="name" label="Name" [control]="form.controls.name" />
        </div>
        <div class="field">
          <label for="email">Email</label>
          <input id="email" type="email" formControlName="email" autocomplete="email" inputmode="email" />
          <rh-field-error for="email" label="Email" [control]="form.controls.email" />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" type="password" formControlName="password" autocomplete="new-password" aria-describedby="password-help" />
          <p class="help" id="password-help">At least {{ minLength }} characters. A passphrase of a few words works well.</p>
          <rh-field-error for="password" label="Password" [control]="form.controls.password" />
        </div>
        <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? 'Creating your account…' : 'Create account' }}</button>
      </form>
      <p>Already have an account? <a routerLink="/sign-in">Sign in</a></p>
    </div>
  `,
  styles: `.narrow { max-width: 28rem; }`,
})
export default class SignUpPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  readonly returnUrl = input<string>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.formError.set(null);
    const { name, email, password } = this.form.getRawValue();
    this.auth.signUp({ name: name.trim(), email: email.trim(), password }).subscribe({
      next: (user) => {
        this.notifier.success(`Welcome, ${user.name}! Add your device to request a repair.`);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), '/repairs/new'));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }
}
