import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { STAFF_ROLES } from '@repairhub/contracts';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { filter } from 'rxjs';
import { AuthStore, ROLE_LABELS, ToastOutlet, incomingCallBanner, setUpAppShell } from '@repairhub/web-core';

@Component({
  selector: 'rh-console-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ToastOutlet, NgComponentOutlet],
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">Skip to content</a>
    <header class="top">
      <div class="bar shell" [class.crowded]="auth.role() === 'admin'">
        <a class="brand" routerLink="/">RepairHub Console</a>
        @if (isStaff()) {
          <!-- Below desktop width the navigation folds into a menu button, so the bar never wraps. -->
          <button type="button" class="menu-toggle button small" aria-controls="main-nav" [attr.aria-expanded]="menuOpen()" (click)="menuOpen.set(!menuOpen())">
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
            Menu
          </button>
          <nav aria-label="Main" id="main-nav" [class.open]="menuOpen()">
            <ul class="nav">
              <li><a routerLink="/" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">Queue</a></li>
              <li><a routerLink="/check-in" routerLinkActive="active" ariaCurrentWhenActive="page">Check in</a></li>
              <li><a routerLink="/drop-offs" routerLinkActive="active" ariaCurrentWhenActive="page">Drop-offs</a></li>
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
    <rh-toast-outlet />
    @if (callBanner(); as banner) {
      <ng-container *ngComponentOutlet="banner" />
    }
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  styles: `
    .top { background: #16202c; color: #fff; }
    .bar { padding-block: .625rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; }
    .brand { white-space: nowrap; }
    .menu-toggle { background: transparent; color: #fff; border-color: #8a96a6; margin-left: auto; order: 2; }
    .menu-toggle:hover { background: #2a3a4d; }
    .menu-toggle:focus-visible, .nav a:focus-visible, a.who:focus-visible { outline: 3px solid #9cc7ff; outline-offset: 2px; box-shadow: none; }
    nav { display: none; order: 4; flex-basis: 100%; }
    nav.open { display: block; }
    .nav { list-style: none; display: grid; gap: .25rem; margin: 0; padding: .25rem 0; }
    .nav a { color: #fff; text-decoration: none; padding: .5rem .625rem; border-radius: .375rem; display: block; white-space: nowrap; }
    .nav a:hover { background: #2a3a4d; }
    .nav a.active { background: #fff; color: #16202c; font-weight: 600; }
    .account { display: flex; align-items: center; gap: .5rem; order: 3; min-width: 0; }
    .who { color: #d5dbe3; display: inline-flex; align-items: center; gap: .375rem; max-width: 18rem; min-width: 0; padding: .375rem .5rem; border-radius: .375rem; }
    a.who { text-decoration: none; }
    a.who .name { text-decoration: underline; text-underline-offset: 3px; }
    a.who:hover { background: #2a3a4d; color: #fff; }
    a.who.active { background: #fff; color: #16202c; font-weight: 600; }
    .who svg { flex: none; }
    .who .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .small { min-height: 2.25rem; padding: .375rem .75rem; font-size: .9375rem; }
    main:focus { outline: none; box-shadow: none; }
    /* Phones: the name gives way to the icon (its accessible name stays), so the bar holds one row. */
    @media (max-width: 29.99rem) { .who .name { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); } }
    /* Desktop (1280 px and up): every link in one row between the brand and the account. */
    @media (min-width: 80rem) {
      .bar { flex-wrap: nowrap; }
      .menu-toggle { display: none; }
      nav, nav.open { display: block; order: 2; flex: 1; flex-basis: auto; min-width: 0; }
      .nav { display: flex; gap: .125rem; padding: 0; }
      .nav a { padding: .375rem .5rem; }
      .account { margin-left: auto; flex: none; }
      .account .button { white-space: nowrap; }
    }
    /* An admin's nine links and the account only share one row from 1536 px: below that the name gives
       way to the icon (its accessible name and the email tooltip stay). */
    @media (min-width: 80rem) and (max-width: 95.99rem) { .crowded .who .name { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); } }
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
  protected readonly menuOpen = signal(false);

  protected readonly skipToMain = setUpAppShell('/sign-in').skipToMain;
  protected readonly callBanner = incomingCallBanner();

  constructor() {
    // Choosing a page closes the phone menu.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.menuOpen.set(false));
  }

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigate(['/sign-in']);
  }
}
