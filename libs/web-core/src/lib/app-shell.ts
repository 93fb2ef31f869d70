import { afterNextRender, inject, Injector } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';
import { AuthStore } from './auth/auth-store';
import { redirectWhenSessionEnds } from './auth/session-redirect';
import { labelTableCellsOnPhones } from './ui/table-labels';

const main = () => document.getElementById('main');

/**
 * What both apps' root components do: send the user to sign in when the session ends, restore the
 * session after a reload, and after each in-app navigation move focus to the new page's heading so
 * screen readers start there; label table cells for the phone layout. Returns the skip link's handler. Call from the root constructor; the
 * page content sits in `<main id="main" tabindex="-1">`.
 */
export function setUpAppShell(signInPath = '/sign-in'): { skipToMain(event: Event): void } {
  redirectWhenSessionEnds(signInPath);
  void inject(AuthStore).restore();
  labelTableCellsOnPhones();
  const injector = inject(Injector);
  let first = true;
  inject(Router)
    .events.pipe(
      filter((event) => event instanceof NavigationEnd),
      takeUntilDestroyed(),
    )
    .subscribe(() => {
      if (first) {
        first = false;
        return;
      }
      afterNextRender(
        () => {
          const heading = main()?.querySelector<HTMLElement>('h1');
          if (heading) {
            heading.tabIndex = -1;
            heading.focus({ preventScroll: true });
          } else {
            main()?.focus({ preventScroll: true });
          }
        },
        { injector },
      );
    });
  return {
    skipToMain: (event: Event) => {
      event.preventDefault();
      main()?.focus();
    },
  };
}
