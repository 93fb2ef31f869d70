import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { FORGOT_PASSWORD_MESSAGE } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';
import { applyProblem, readProblem } from '../errors/problem';
import { FieldA11y } from '../ui/field-a11y.directive';
import { FocusInvalid } from '../ui/focus-invalid.directive';
import { FieldError } from '../ui/field-error.component';

/**
 * Asks for a password reset link, shared by both apps. The answer is the same whether or not an
 * account exists for the address, so the confirmation says exactly that; focus moves to it.
 */
@Component({
  selector: 'rh-forgot-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError, FieldA11y, FocusInvalid],
  template: `
    @if (sentTo(); as address) {
      <div class="card stack sent" tabindex="-1" #confirmation role="status">
        <p><strong>Check your inbox.</strong> {{ message }}</p>
        <p class="muted">We sent it to <span class="address">{{ address }}</span>. The link works once, for 30 minutes. Nothing there? Check the spam folder, or ask again.</p>
        <div><button type="button" class="button" (click)="again()">Use another address</button></div>
      </div>
    } @else {
      <form class="card stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (formError(); as error) {
          <p class="form-error" role="alert">{{ error }}</p>
        }
        <div class="field">
          <label for="email">Email</label>
          <input id="email" type="email" formControlName="email" autocomplete="username" inputmode="email" aria-describedby="email-help" />
          <p class="help" id="email-help">The address you sign in with. We'll email you a link to choose a new password.</p>
          <rh-field-error for="email" label="Email" [control]="form.controls.email" />
        </div>
        <button type="submit" class="button primary" [attr.aria-disabled]="busy() || null">{{ busy() ? 'Sending…' : 'Send the link' }}</button>
      </form>
    }
  `,
  styles: `
    :host { display: block; }
    .sent p { margin: 0; }
    .address { overflow-wrap: anywhere; }
    .button[aria-disabled='true'] { opacity: .6; cursor: progress; }
  `,
})
export class ForgotPasswordForm {
  private readonly api = inject(ApiClient);
  private readonly injector = inject(Injector);
  private readonly confirmation = viewChild<ElementRef<HTMLElement>>('confirmation');

  protected readonly message = FORGOT_PASSWORD_MESSAGE;
  protected readonly busy = signal(false);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({ email: ['', [Validators.required, Validators.email]] });

  protected submit(): void {
    if (this.busy()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.formError.set(null);
    const { email } = this.form.getRawValue();
    this.api.auth.forgotPassword({ email }).subscribe({
      next: () => {
        this.busy.set(false);
        this.sentTo.set(email);
        afterNextRender(() => this.confirmation()?.nativeElement.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }

  protected again(): void {
    this.sentTo.set(null);
    this.form.reset();
  }
}
