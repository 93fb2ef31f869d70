import { inject } from '@angular/core';
import { Router, type CanMatchFn, type UrlTree } from '@angular/router';
import type { Role } from '@repairhub/contracts';
import { AuthStore } from './auth-store';

function signInRedirect(router: Router, signInPath: string): UrlTree {
  const returnUrl = router.getCurrentNavigation()?.extractedUrl.toString();
  return router.createUrlTree([signInPath], { queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {} });
}

/** Lets signed-in users (optionally only some roles) through; others go to the sign-in page. */
export function requireSession(options: { signInPath?: string; roles?: readonly Role[]; otherwise?: string } = {}): CanMatchFn {
  const { signInPath = '/sign-in', roles, otherwise = '/' } = options;
  return async () => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    await auth.restore();
    const role = auth.role();
    if (!auth.isSignedIn() || !role) return signInRedirect(router, signInPath);
    if (roles && !roles.includes(role)) return router.createUrlTree([otherwise]);
    return true;
  };
}

/** For sign-in and sign-up pages: someone already signed in goes straight to `home`. */
export function requireGuest(home = '/'): CanMatchFn {
  return async () => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    await auth.restore();
    return auth.isSignedIn() ? router.createUrlTree([home]) : true;
  };
}
