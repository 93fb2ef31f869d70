import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { ResetPasswordForm } from '@repairhub/web-core';

@Component({
  selector: 'rh-console-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ResetPasswordForm],
  template: `
    <div class="page narrow">
      <h1>Choose a new password</h1>
      <rh-reset-password-form [token]="token()" forgotLink="/forgot-password" (passwordReset)="done()" />
    </div>
  `,
  styles: `.narrow { max-width: 28rem; }`,
})
export default class ResetPasswordPage {
  private readonly router = inject(Router);
  /** From the emailed link. */
  readonly token = input<string>();

  protected done(): void {
    void this.router.navigate(['/sign-in'], { queryParams: { reset: 1 } });
  }
}
