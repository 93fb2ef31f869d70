import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, output, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, RESET_TOKEN_INVALID } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';
import { applyProblem, readProblem } from '../errors/problem';
import { FieldA11y } from '../ui/field-a11y.directive';
import { FieldError } from '../ui/field-error.component';
import { AuthStore } from './auth-store';
import { repeatsPassword } from './change-password-form.component';

/**
 * Sets a new password with the token of an emailed link, shared by both apps. A weak password is
 * explained beside its field (the link stays usable); a spent, expired or missing link is explained
 * with a way to ask for a new one. Emits once the password is set (every session of
 * the user has ended, this one too); where to go next is the page's call.
 */
@Component({
  selector: 'rh-reset-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FieldError, FieldA11y],
  template: `
    @if (!token() || linkDead()) {
      <div class="card stack dead" tabindex="-1" #dead role="alert">
        <p><strong>This link no longer works.</strong> Reset links work once and expire after 30 minutes, and asking for a new one cancels the older ones.</p>
        <div><a class="button primary" [routerLink]="forgotLink()">Ask for a new link</a></div>
      </div>
    } @else {
      <form class="card stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (formError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        <div class="field">
          <label for="password">New password</label>
          <input id="password" type="password" formControlName="password" autocomplete="new-password" aria-describedby="password-help" />
          <p class="help" id="password-help">At least {{ minLength }} characters. A passphrase of a few words works well.</p>
          <rh-field-error for="password" label="New password" [control]="form.controls.password" />
        </div>
        <div class="field">
          <label for="confirmPassword">Confirm new password</label>
          <input id="confirmPassword" type="password" formControlName="confirmPassword" autocomplete="new-password" />
          <rh-field-error for="confirmPassword" label="Confirm new password" [control]="form.controls.confirmPassword" />
        </div>
        <button type="submit" class="button primary" [attr.aria-disabled]="busy() || null">{{ busy() ? 'Saving…' : 'Set new password' }}</button>
      </form>
    }
  `,
  styles: `
    :host { display: block; }
    .dead p { margin: 0; }
    .button[aria-disabled='true'] { opacity: .6; cursor: progress; }
  `,
})
export class ResetPasswordForm {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly dead = viewChild<ElementRef<HTMLElement>>('dead');

  /** The `token` query parameter of the emailed link. */
  readonly token = input<string>();
  /** Where to ask for a new link. */
  readonly forgotLink = input.required<string>();
  readonly passwordReset = output<void>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly linkDead = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    confirmPassword: ['', repeatsPassword('password')],
  });

  constructor() {
    const { password, confirmPassword } = this.form.controls;
    password.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => confirmPassword.updateValueAndValidity());
  }

  protected submit(): void {
    if (this.busy()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    this.formError.set(null);
    this.api.auth.resetPassword({ token: this.token()!, password: this.form.getRawValue().password }).subscribe({
      next: () => {
        // The server ended every session of the user, this browser's included.
        if (this.auth.isSignedIn()) this.auth.end('signed-out');
        this.passwordReset.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = readProblem(error);
        if (problem.code === RESET_TOKEN_INVALID) {
          this.linkDead.set(true);
          afterNextRender(() => this.dead()?.nativeElement.focus(), { injector: this.injector });
          return;
        }
        this.formError.set(applyProblem(this.form, problem));
        this.focusFirstInvalid();
      },
    });
  }

  private focusFirstInvalid(): void {
    this.host.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }
}
