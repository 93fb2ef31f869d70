import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AccountDetails, AuthStore, PasswordSection } from '@repairhub/web-core';

/** Any staff member's own account: who they are signed in as, and their password. */
@Component({
  selector: 'rh-console-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccountDetails, PasswordSection, RouterLink],
  template: `
    <div class="page">
      <h1>Account</h1>
      <rh-account-details [showRole]="true">
        @if (auth.role() === 'admin') {
          <p class="muted note">Names and roles are changed on the <a routerLink="/admin/users">Users</a> page.</p>
        } @else {
          <p class="muted note">To change your name or role, ask an admin.</p>
        }
      </rh-account-details>
      <rh-password-section />
    </div>
  `,
  styles: `.note { margin: .75rem 0 0; }`,
})
export default class AccountPage {
  protected readonly auth = inject(AuthStore);
}
