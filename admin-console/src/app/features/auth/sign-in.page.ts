import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { STAFF_ROLES, type UserView } from '@repairhub/contracts';
import { SignInForm } from '@repairhub/web-core';

@Component({
  selector: 'rh-console-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SignInForm],
  template: `
    <div class="page narrow">
      <h1>Sign in to the console</h1>
      <p class="muted">For RepairHub technicians and admins.</p>
      <rh-sign-in-form (signedIn)="signedIn($event)" />
    </div>
  `,
  styles: `.narrow { max-width: 28rem; }`,
})
export default class SignInPage {
  private readonly router = inject(Router);

  protected signedIn(user: UserView): void {
    void this.router.navigate([STAFF_ROLES.includes(user.role) ? '/' : '/customers']);
  }
}
