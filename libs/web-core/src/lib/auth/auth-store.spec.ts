import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse } from '@repairhub/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore, SESSION_HINT_KEY } from './auth-store';

const response = (accessToken: string, expiresIn = 900): AuthResponse => ({
  user: { id: 'u1', email: 'ada@example.com', phone: null, name: 'Ada', role: 'customer', active: true, createdAt: '2025-01-01T00:00:00Z' },
  accessToken,
  expiresIn,
});

describe('AuthStore', () => {
  let auth: AuthStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    auth.end('signed-out');
    vi.useRealTimers();
    backend.verify();
  });

  it('restores the session from the refresh cookie after a reload', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const restored = auth.restore();
    expect(auth.status()).toBe('restoring');
    backend.expectOne('/api/v1/auth/refresh').flush(response('restored'));
    await restored;
    expect(auth.isSignedIn()).toBe(true);
    expect(auth.user()?.name).toBe('Ada');
    expect(auth.accessToken()).toBe('restored');
    // Later callers (route guards) share the same restore.
    await auth.restore();
    backend.expectNone('/api/v1/auth/refresh');
  });

  it('does not ask the server when this browser never signed in', async () => {
    await auth.restore();
    backend.expectNone('/api/v1/auth/refresh');
    expect(auth.status()).toBe('signed-out');
  });

  it('ends up signed out, without an "expired" notice, when the cookie is gone', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const restored = auth.restore();
    backend.expectOne('/api/v1/auth/refresh').flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await restored;
    expect(auth.status()).toBe('signed-out');
    expect(auth.lastEndReason()).toBeNull();
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('renews the access token before it expires', async () => {
    vi.useFakeTimers();
    const signedIn = firstValueFrom(auth.signIn({ email: 'ada@example.com', password: 'x'.repeat(10) }));
    backend.expectOne('/api/v1/auth/login').flush(response('first', 60));
    await signedIn;
    vi.advanceTimersByTime(29_000);
    backend.expectNone('/api/v1/auth/refresh');
    vi.advanceTimersByTime(2_000);
    backend.expectOne('/api/v1/auth/refresh').flush(response('second', 60));
    await vi.waitFor(() => expect(auth.accessToken()).toBe('second'));
  });

  it('signs out locally even when the server cannot be reached', async () => {
    const signedIn = firstValueFrom(auth.signIn({ email: 'ada@example.com', password: 'x'.repeat(10) }));
    backend.expectOne('/api/v1/auth/login').flush(response('token'));
    await signedIn;
    const out = auth.signOut();
    backend.expectOne('/api/v1/auth/logout').error(new ProgressEvent('error'));
    await out;
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    expect(auth.lastEndReason()).toBe('signed-out');
  });
});
