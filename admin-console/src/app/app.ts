import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { STAFF_ROLES } from '@repairhub/contracts';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore, ROLE_LABELS, ToastOutlet, setUpAppShell } from '@repairhub/web-core';

@Component({
  selector: 'rh-console-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ToastOutlet],
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">Skip to content</a>
    <header class="top">
      <div class="bar">
        <a class="brand" routerLink="/">RepairHub Console</a>
        @if (isStaff()) {
          <nav aria-label="Main">
            <ul class="nav">
              <li><a routerLink="/" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">Queue</a></li>
              @if (auth.role() === 'admin') {
                <li><a routerLink="/admin/repairs" routerLinkActive="active" ariaCurrentWhenActive="page">All repairs</a></li>
                <li><a routerLink="/admin/users" routerLinkActive="active" ariaCurrentWhenActive="page">Users</a></li>
                <li><a routerLink="/admin/payments" routerLinkActive="active" ariaCurrentWhenActive="page">Payments</a></li>
                <li><a routerLink="/admin/dashboard" routerLinkActive="active" ariaCurrentWhenActive="page">Dashboard</a></li>
                <li><a routerLink="/admin/emails" routerLinkActive="active" ariaCurrentWhenActive="page">Emails</a></li>
                <li><a routerLink="/admin/jobs" routerLinkActive="active" ariaCurrentWhenActive="page">Failed jobs</a></li>
              }
            </ul>
          </nav>
        }
        @if (auth.isSignedIn()) {
          <div class="account">
            @if (isStaff()) {
              <!-- The name leads to the account page (details, password), as in the portal. -->
              <a class="who" routerLink="/account" routerLinkActive="active" ariaCurrentWhenActive="page" title="{{ auth.user()?.email }}">
                <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><circle cx="10" cy="6.5" r="3.5" fill="none" stroke="currentColor" stroke-width="1.75" /><path d="M3.5 17.5a6.5 6.5 0 0 1 13 0" fill="none" stroke="currentColor" stroke-width="1.75" /></svg>
                <span class="visually-hidden">Account: </span><span class="name">{{ auth.user()?.name }} · {{ roleLabel() }}</span>
              </a>
            } @else {
              <span class="who">{{ auth.user()?.name }}</span>
            }
            <button type="button" class="button secondary small" (click)="signOut()">Sign out</button>
          </div>
        }
      </div>
    </header>
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
    <rh-toast-outlet />
  `,
  styles: `
    .top { background: #16202c; color: #fff; }
    .bar { max-width: 72rem; margin: 0 auto; padding: .625rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; }
    .account { display: flex; align-items: center; gap: .75rem; margin-left: auto; }
    .who { color: #d5dbe3; display: inline-flex; align-items: center; gap: .375rem; max-width: 18rem; padding: .375rem .5rem; border-radius: .375rem; }
    a.who { text-decoration: none; }
    a.who .name { text-decoration: underline; text-underline-offset: 3px; }
    a.who:hover { background: #2a3a4d; color: #fff; }
    a.who.active { background: #fff; color: #16202c; font-weight: 600; }
    a.who:focus-visible { outline: 3px solid #9cc7ff; outline-offset: 2px; box-shadow: none; }
    .who svg { flex: none; }
    .who .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .small { min-height: 2.25rem; padding: .375rem .75rem; font-size: .9375rem; }
    main:focus { outline: none; box-shadow: none; }
    .nav { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem .75rem; margin: 0; padding: 0; }
    .nav a { color: #fff; text-decoration: none; padding: .375rem .5rem; border-radius: .375rem; display: inline-block; }
    .nav a:hover { background: #2a3a4d; }
    .nav a.active { background: #fff; color: #16202c; font-weight: 600; }
    .nav a:focus-visible { outline: 3px solid #9cc7ff; outline-offset: 2px; }
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  /** Customers who sign in here see no console navigation, only the pointer to the portal. */
  protected readonly isStaff = computed(() => STAFF_ROLES.includes(this.auth.role()!));
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? ROLE_LABELS[role] : '';
  });
  private readonly router = inject(Router);

  protected readonly skipToMain = setUpAppShell('/sign-in').skipToMain;

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigate(['/sign-in']);
  }
}
