import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { STAFF_ROLES, type UserView } from '@repairhub/contracts';
import { SignInForm, safeReturnUrl } from '@repairhub/web-core';

@Component({
  selector: 'rh-console-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SignInForm],
  template: `
    <div class="page narrow">
      <h1>Sign in to the console</h1>
      <p class="muted">For RepairHub technicians and admins.</p>
      <rh-sign-in-form forgotLink="/forgot-password" [expired]="!!expired()" [passwordReset]="!!reset()" (signedIn)="signedIn($event)" />
    </div>
  `,
  styles: `.narrow { max-width: 28rem; }`,
})
export default class SignInPage {
  private readonly router = inject(Router);
  /** Set by the session redirect and the route guards: where the user was when they were sent here. */
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  /** Set by the reset page after a new password was chosen. */
  readonly reset = input<string>();

  protected signedIn(user: UserView): void {
    if (STAFF_ROLES.includes(user.role)) void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), '/'));
    else void this.router.navigate(['/customers']);
  }
}
