import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore, ToastOutlet, incomingCallBanner, setUpAppShell } from '@repairhub/web-core';

@Component({
  selector: 'rh-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ToastOutlet, NgComponentOutlet],
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">Skip to content</a>
    <header class="top">
      <div class="bar shell">
        <a class="brand" routerLink="/"><img src="favicon.svg" alt="" width="28" height="28" />RepairHub</a>
        @if (auth.isSignedIn()) {
          <nav aria-label="Main">
            <a routerLink="/repairs" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">My repairs</a>
            <a routerLink="/repairs/new" routerLinkActive="active" ariaCurrentWhenActive="page">New request</a>
            <a routerLink="/devices" routerLinkActive="active" ariaCurrentWhenActive="page">My devices</a>
          </nav>
          <div class="account">
            <a class="who" routerLink="/account" routerLinkActive="active" ariaCurrentWhenActive="page" title="{{ auth.user()?.email }}">
              <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><circle cx="10" cy="6.5" r="3.5" fill="none" stroke="currentColor" stroke-width="1.75" /><path d="M3.5 17.5a6.5 6.5 0 0 1 13 0" fill="none" stroke="currentColor" stroke-width="1.75" /></svg>
              <span class="visually-hidden">Account: </span><span class="name">{{ auth.user()?.name }}</span>
            </a>
            <button type="button" class="button secondary small" (click)="signOut()">Sign out</button>
          </div>
        } @else if (auth.status() === 'signed-out') {
          <nav aria-label="Account" class="guest">
            <a routerLink="/sign-in" routerLinkActive="active" ariaCurrentWhenActive="page">Sign in</a>
            <a routerLink="/sign-up" class="button primary small">Create account</a>
          </nav>
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
    .top { background: var(--surface); border-bottom: 1px solid var(--border); }
    .bar { padding-top: .5rem; display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1.25rem; }
    .brand { padding-bottom: .5rem; }
    nav { display: flex; gap: 1rem; order: 3; flex-basis: 100%; overflow-x: auto; }
    nav.guest { order: 2; flex-basis: auto; margin-left: auto; align-items: center; padding-bottom: .5rem; }
    @media (min-width: 48rem) {
      nav { order: 2; flex-basis: auto; flex: 1; }
    }
    nav a:not(.button) { color: var(--text); text-decoration: none; padding: .5rem .125rem; border-bottom: 3px solid transparent; font-weight: 500; white-space: nowrap; }
    nav a.active { border-bottom-color: var(--primary); color: var(--primary); }
    .account { display: flex; align-items: center; gap: .75rem; margin-left: auto; order: 2; padding-bottom: .5rem; }
    @media (min-width: 48rem) { .account { order: 3; } }
    /* The name leads to the account page (details, email settings), as on most sites; the phone nav has no room for a fourth tab. */
    .who { color: var(--text-muted); max-width: 12rem; display: inline-flex; align-items: center; gap: .375rem; padding: .375rem 0; text-underline-offset: 3px; }
    .who svg { flex: none; }
    .who .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .who.active { color: var(--primary); }
    .small { min-height: 2.25rem; padding: .375rem .75rem; font-size: .9375rem; }
    main:focus { outline: none; box-shadow: none; }
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly skipToMain = setUpAppShell('/sign-in').skipToMain;
  protected readonly callBanner = incomingCallBanner();

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigate(['/sign-in']);
  }
}
