import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, UrlTree, provideRouter, type CanMatchFn } from '@angular/router';
import type { Role } from '@repairhub/contracts';
import { AuthStore } from './auth-store';
import { requireGuest, requireSession } from './guards';

describe('route guards', () => {
  let restored: () => void;
  const role = signal<Role | null>(null);
  const signedIn = signal(false);

  beforeEach(() => {
    role.set(null);
    signedIn.set(false);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: AuthStore,
          useValue: { restore: () => new Promise<void>((resolve) => (restored = resolve)), role, isSignedIn: signedIn },
        },
      ],
    });
  });

  const run = (guard: CanMatchFn) => TestBed.runInInjectionContext(() => guard({}, []) as Promise<boolean | UrlTree>);
  const url = (result: boolean | UrlTree) => (result instanceof UrlTree ? TestBed.inject(Router).serializeUrl(result) : result);

  it('waits for the session to be restored before deciding', async () => {
    let settled = false;
    const decision = run(requireSession()).then((r) => ((settled = true), r));
    await Promise.resolve();
    expect(settled).toBe(false);
    role.set('customer');
    signedIn.set(true);
    restored();
    expect(await decision).toBe(true);
  });

  it('sends visitors to sign in and staff elsewhere', async () => {
    const visitor = run(requireSession({ roles: ['customer'] }));
    restored();
    expect(url(await visitor)).toBe('/sign-in');

    role.set('technician');
    signedIn.set(true);
    const staff = run(requireSession({ roles: ['customer'], otherwise: '/staff' }));
    restored();
    expect(url(await staff)).toBe('/staff');
  });

  it('keeps signed-in users away from the sign-in page', async () => {
    signedIn.set(true);
    role.set('customer');
    const guest = run(requireGuest('/repairs'));
    restored();
    expect(url(await guest)).toBe('/repairs');
  });
});
