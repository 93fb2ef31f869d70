import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, type CanMatchFn, type UrlTree } from '@angular/router';
import type { Role } from '@repairhub/contracts';
import { AuthStore } from '@repairhub/web-core';
import { adminOnly, staffOnly } from './access';

function run(guard: CanMatchFn, role: Role | null): Promise<true | string> {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: AuthStore, useValue: { restore: async () => undefined, isSignedIn: signal(role !== null), role: signal(role) } },
    ],
  });
  const router = TestBed.inject(Router);
  return TestBed.runInInjectionContext(async () => {
    const result = (await guard({}, [])) as true | UrlTree;
    return result === true ? true : router.serializeUrl(result);
  });
}

describe('console route guards', () => {
  it('lets technicians and admins into staff screens', async () => {
    expect(await run(staffOnly, 'technician')).toBe(true);
    expect(await run(staffOnly, 'admin')).toBe(true);
  });

  it('sends a signed-in customer to the page that points them to the portal', async () => {
    expect(await run(staffOnly, 'customer')).toBe('/customers');
  });

  it('sends someone signed out to the sign-in page', async () => {
    expect(await run(staffOnly, null)).toBe('/sign-in');
    expect(await run(adminOnly, null)).toBe('/sign-in');
  });

  it('keeps technicians and customers out of admin screens', async () => {
    expect(await run(adminOnly, 'admin')).toBe(true);
    expect(await run(adminOnly, 'technician')).toBe('/');
    expect(await run(adminOnly, 'customer')).toBe('/');
  });
});
