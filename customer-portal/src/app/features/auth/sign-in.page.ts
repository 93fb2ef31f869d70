import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { UserView } from '@repairhub/contracts';
import { SignInForm, safeReturnUrl } from '@repairhub/web-core';

@Component({
  selector: 'rh-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SignInForm],
  template: `
    <div class="page narrow">
      <h1>Sign in</h1>
      <rh-sign-in-form forgotLink="/forgot-password" [expired]="!!expired()" [passwordReset]="!!reset()" (signedIn)="signedIn($event)" />
      <p>New to RepairHub? <a routerLink="/sign-up" [queryParams]="returnUrl() ? { returnUrl: returnUrl() } : {}">Create an account</a></p>
    </div>
  `,
  styles: `
    .narrow { max-width: 28rem; }
  `,
})
export default class SignInPage {
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  /** Set by the reset page after a new password was chosen. */
  readonly reset = input<string>();

  protected signedIn(user: UserView): void {
    if (user.role !== 'customer') {
      // Staff work in the console; the session cookie is shared, so they arrive signed in.
      window.location.assign('/console/');
      return;
    }
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), '/repairs'));
  }
}
