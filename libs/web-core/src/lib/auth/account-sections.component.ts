import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ROLE_LABELS } from '../ui/labels';
import { AuthStore } from './auth-store';
import { ChangePasswordForm } from './change-password-form.component';

/** The signed-in user's name and email (and role, where the app has several): the Account page's first card. */
@Component({
  selector: 'rh-account-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="details-heading">
      <h2 id="details-heading">Your details</h2>
      <dl class="details">
        <div><dt>Name</dt><dd>{{ auth.user()?.name }}</dd></div>
        <div><dt>Email</dt><dd>{{ auth.user()?.email }}</dd></div>
        @if (showRole() && auth.role(); as role) {
          <div><dt>Role</dt><dd>{{ roleLabels[role] }}</dd></div>
        }
      </dl>
      <ng-content />
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.125rem; }
    .details { display: grid; gap: .25rem; margin: 0; }
    .details div { display: flex; flex-wrap: wrap; gap: .5rem; }
    .details dt { font-weight: 600; min-width: 4rem; }
    .details dd { margin: 0; overflow-wrap: anywhere; }
  `,
})
export class AccountDetails {
  protected readonly auth = inject(AuthStore);
  protected readonly roleLabels = ROLE_LABELS;
  readonly showRole = input(false);
}

/** The Account page's password card: what a change does, and the form. */
@Component({
  selector: 'rh-password-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChangePasswordForm],
  template: `
    <section class="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p class="muted">Changing it signs you out on your other devices; you stay signed in here.</p>
      <rh-change-password-form />
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.125rem; }
  `,
})
export class PasswordSection {}
