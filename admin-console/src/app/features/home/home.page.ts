import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthStore } from '@repairhub/web-core';

/** Landing page after sign-in; the technician queue and admin screens are added here as features. */
@Component({
  selector: 'rh-console-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>Welcome, {{ auth.user()?.name }}</h1>
      <p class="muted">Signed in as {{ auth.user()?.email }} ({{ auth.role() }}).</p>
    </div>
  `,
})
export default class HomePage {
  protected readonly auth = inject(AuthStore);
}
