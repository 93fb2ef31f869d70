import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthStore, ChangePasswordForm, ROLE_LABELS } from '@repairhub/web-core';

/** Any staff member's own account: who they are signed in as, and their password. */
@Component({
  selector: 'rh-console-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChangePasswordForm, RouterLink],
  template: `
    <div class="page">
      <h1>Account</h1>

      <section class="card" aria-labelledby="details-heading">
        <h2 id="details-heading">Your details</h2>
        <dl class="details">
          <div><dt>Name</dt><dd>{{ auth.user()?.name }}</dd></div>
          <div><dt>Email</dt><dd>{{ auth.user()?.email }}</dd></div>
          <div><dt>Role</dt><dd>{{ role() }}</dd></div>
        </dl>
        @if (auth.role() === 'admin') {
          <p class="muted note">Names and roles are changed on the <a routerLink="/admin/users">Users</a> page.</p>
        } @else {
          <p class="muted note">To change your name or role, ask an admin.</p>
        }
      </section>

      <section class="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <p class="muted">Changing it signs you out on your other devices; you stay signed in here.</p>
        <rh-change-password-form />
      </section>
    </div>
  `,
  styles: `
    h2 { font-size: 1.125rem; }
    .details { display: grid; gap: .25rem; margin: 0; }
    .details div { display: flex; flex-wrap: wrap; gap: .5rem; }
    .details dt { font-weight: 600; min-width: 4rem; }
    .details dd { margin: 0; overflow-wrap: anywhere; }
    .note { margin: .75rem 0 0; }
  `,
})
export default class AccountPage {
  protected readonly auth = inject(AuthStore);
  protected readonly role = computed(() => {
    const role = this.auth.role();
    return role ? ROLE_LABELS[role] : '';
  });
}
