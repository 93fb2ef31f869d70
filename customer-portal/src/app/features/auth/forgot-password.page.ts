import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ForgotPasswordForm } from '@repairhub/web-core';

@Component({
  selector: 'rh-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ForgotPasswordForm],
  template: `
    <div class="page narrow">
      <h1>Forgot your password?</h1>
      <rh-forgot-password-form />
      <p><a routerLink="/sign-in">Back to sign in</a></p>
    </div>
  `,
  styles: `.narrow { max-width: 28rem; }`,
})
export default class ForgotPasswordPage {}
