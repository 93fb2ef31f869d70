import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthStore, ToastOutlet, redirectWhenSessionEnds } from '@repairhub/web-core';

@Component({
  selector: 'rh-console-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, ToastOutlet],
  template: `
    <a class="skip-link" href="#main" (click)="skip($event)">Skip to content</a>
    <header class="top">
      <div class="bar">
        <a class="brand" routerLink="/">RepairHub Console</a>
        @if (auth.isSignedIn()) {
          <div class="account">
            <span class="who">{{ auth.user()?.name }} · {{ auth.role() }}</span>
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
    .who { color: #d5dbe3; }
    .small { min-height: 2.25rem; padding: .375rem .75rem; font-size: .9375rem; }
    main:focus { outline: none; box-shadow: none; }
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  constructor() {
    redirectWhenSessionEnds('/sign-in');
    void this.auth.restore();
  }

  protected skip(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigate(['/sign-in']);
  }
}
