import { effect, inject } from '@angular/core';
import { Router } from '@angular/router';
import { AuthStore } from './auth-store';

/**
 * When the session ends while the user is on a page (signed out elsewhere, refresh refused), send
 * them to the sign-in page, keeping where they were so they come back after signing in. Call from
 * the root component's constructor.
 */
export function redirectWhenSessionEnds(signInPath = '/sign-in'): void {
  const auth = inject(AuthStore);
  const router = inject(Router);
  let wasSignedIn = false;
  effect(() => {
    const signedIn = auth.isSignedIn();
    if (wasSignedIn && !signedIn) {
      const here = router.url;
      const returnUrl = auth.lastEndReason() === 'expired' && !here.startsWith(signInPath) ? here : undefined;
      void router.navigate([signInPath], { queryParams: returnUrl ? { returnUrl, expired: 1 } : {} });
    }
    wasSignedIn = signedIn;
  });
}
