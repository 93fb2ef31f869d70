import { effect, inject, signal, type Type } from '@angular/core';
import { AuthStore } from '../auth/auth-store';

/**
 * The incoming-call banner's component once someone is signed in, loaded on demand (it brings the
 * Socket.IO client, which the first page does not need). Render it with `NgComponentOutlet` in the
 * app's root; call from its constructor.
 */
export function incomingCallBanner() {
  const auth = inject(AuthStore);
  const component = signal<Type<unknown> | null>(null);
  effect(() => {
    if (auth.isSignedIn() && !component()) void import('./incoming-call-banner.component').then((m) => component.set(m.IncomingCallBanner));
  });
  return component.asReadonly();
}
