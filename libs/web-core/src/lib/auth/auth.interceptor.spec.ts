import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse, UserView } from '@repairhub/contracts';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../api/api-client';
import { AuthStore, SESSION_HINT_KEY } from './auth-store';
import { authInterceptor } from './auth.interceptor';

const user = { id: 'u1', email: 'ada@example.com', phone: null, name: 'Ada', role: 'customer', active: true, createdAt: '2025-01-01T00:00:00Z' } satisfies UserView;
const session = (accessToken: string): AuthResponse => ({ user, accessToken, expiresIn: 900 });

describe('authInterceptor', () => {
  let http: HttpClient;
  let api: ApiClient;
  let auth: AuthStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    api = TestBed.inject(ApiClient);
    auth = TestBed.inject(AuthStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    // Cancels the renewal timer a sign-in schedules.
    auth.end('signed-out');
  });

  async function signIn(token = 'access-1'): Promise<void> {
    const done = firstValueFrom(auth.signIn({ email: user.email, password: 'correct horse battery' }));
    backend.expectOne('/api/v1/auth/login').flush(session(token));
    await done;
  }

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  it('sends the access token with API requests, but not with session routes', async () => {
    await signIn('access-1');
    const pending = firstValueFrom(api.repairs.list());
    const request = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-1');
    request.flush({ items: [], nextCursor: null });
    await pending;

    const refreshed = firstValueFrom(api.auth.refresh());
    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(session('access-2'));
    await refreshed;
  });

  it('does not attach the token to other origins', async () => {
    await signIn();
    const pending = firstValueFrom(http.get('https://example.com/x'));
    const request = backend.expectOne('https://example.com/x');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await pending;
  });

  it('refreshes once for parallel 401s and retries each request with the new token', async () => {
    await signIn('expired');
    const first = firstValueFrom(api.repairs.get('r1'));
    const second = firstValueFrom(api.devices.list());
    const third = firstValueFrom(api.conversations.list());
    for (const url of ['/api/v1/repairs/r1', '/api/v1/devices', '/api/v1/conversations']) {
      backend.expectOne((r) => r.url === url).flush(null, unauthorized);
    }

    const refreshes = backend.match('/api/v1/auth/refresh');
    expect(refreshes).toHaveLength(1);
    refreshes[0].flush(session('fresh'));
    await Promise.resolve();

    for (const url of ['/api/v1/repairs/r1', '/api/v1/devices', '/api/v1/conversations']) {
      const retry = backend.expectOne((r) => r.url === url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer fresh');
      retry.flush(url === '/api/v1/repairs/r1' ? { id: 'r1' } : { items: [], nextCursor: null });
    }
    await expect(first).resolves.toEqual({ id: 'r1' });
    await Promise.all([second, third]);
    expect(auth.accessToken()).toBe('fresh');
  });

  it('retries a late 401 with the already refreshed token instead of refreshing again', async () => {
    await signIn('old');
    const early = firstValueFrom(api.repairs.list());
    const late = firstValueFrom(api.devices.list());
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush(null, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(session('new'));
    await Promise.resolve();
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush({ items: [], nextCursor: null });
    await early;

    // The second request was sent with the old token before the refresh and fails only now.
    backend.expectOne((r) => r.url === '/api/v1/devices').flush(null, unauthorized);
    backend.expectNone('/api/v1/auth/refresh');
    const retry = backend.expectOne((r) => r.url === '/api/v1/devices');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ items: [], nextCursor: null });
    await late;
  });

  it('signs out and passes the 401 on when the refresh is refused', async () => {
    await signIn('expired');
    const pending = firstValueFrom(api.repairs.list());
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush(null, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush({ status: 401, detail: 'Refresh token revoked.' }, unauthorized);

    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(401);
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.lastEndReason()).toBe('expired');
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('does not loop when the retried request is refused again', async () => {
    await signIn('a');
    const pending = firstValueFrom(api.repairs.get('r1'));
    backend.expectOne((r) => r.url === '/api/v1/repairs/r1').flush(null, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(session('b'));
    await Promise.resolve();
    backend.expectOne((r) => r.url === '/api/v1/repairs/r1').flush(null, unauthorized);
    await expect(pending).rejects.toBeInstanceOf(HttpErrorResponse);
    backend.expectNone('/api/v1/auth/refresh');
  });

  it('leaves other errors and signed-out requests alone', async () => {
    const anonymous = firstValueFrom(api.repairs.list());
    const request = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush(null, unauthorized);
    await expect(anonymous).rejects.toBeInstanceOf(HttpErrorResponse);
    backend.expectNone('/api/v1/auth/refresh');

    await signIn();
    const conflict = firstValueFrom(api.quotes.accept('q1'));
    backend.expectOne('/api/v1/quotes/q1/accept').flush({ status: 409, code: 'QUOTE.EXPIRED', detail: 'The quote has expired.' }, { status: 409, statusText: 'Conflict' });
    await expect(conflict).rejects.toMatchObject({ status: 409 });
    backend.expectNone('/api/v1/auth/refresh');
  });
});
