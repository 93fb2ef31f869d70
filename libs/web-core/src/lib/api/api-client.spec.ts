import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { API_BASE_URL } from '../config';
import { ApiClient } from './api-client';
import { AUTH_ENDPOINT } from './http-context';

describe('ApiClient', () => {
  let api: ApiClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: 'https://api.test/api/v1' }],
    });
    api = TestBed.inject(ApiClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends list filters as query parameters and leaves out the empty ones', async () => {
    const done = firstValueFrom(api.repairs.list({ status: 'quoted', urgency: undefined, limit: 20, cursor: 'abc' }));
    const request = backend.expectOne((r) => r.url === 'https://api.test/api/v1/repairs');
    expect(request.request.method).toBe('GET');
    expect(request.request.params.keys().sort()).toEqual(['cursor', 'limit', 'status']);
    expect(request.request.params.get('status')).toBe('quoted');
    request.flush({ items: [], nextCursor: null });
    await done;
  });

  it('asks for the full serial only when revealing', async () => {
    const masked = firstValueFrom(api.devices.get('d1'));
    const plain = backend.expectOne((r) => r.url.endsWith('/devices/d1'));
    expect(plain.request.params.has('reveal')).toBe(false);
    plain.flush({ id: 'd1' });
    const revealed = firstValueFrom(api.devices.get('d1', { reveal: true }));
    const full = backend.expectOne((r) => r.url.endsWith('/devices/d1'));
    expect(full.request.params.get('reveal')).toBe('true');
    full.flush({ id: 'd1' });
    await Promise.all([masked, revealed]);
  });

  it('maps the payment and chat routes of the contract', () => {
    void firstValueFrom(api.quotes.accept('q1'));
    void firstValueFrom(api.payments.testConfirm('p1'));
    void firstValueFrom(api.payments.config());
    void firstValueFrom(api.conversations.open('r1'));
    void firstValueFrom(api.conversations.messages('c1', { before: 'm9', limit: 30 }));
    void firstValueFrom(api.conversations.send('c1', { content: 'hi', clientId: 'k1' }));
    expect(backend.expectOne('https://api.test/api/v1/quotes/q1/accept').request.method).toBe('POST');
    expect(backend.expectOne('https://api.test/api/v1/payments/p1/test-confirm').request.method).toBe('POST');
    expect(backend.expectOne('https://api.test/api/v1/payments/config').request.method).toBe('GET');
    expect(backend.expectOne('https://api.test/api/v1/conversations').request.body).toEqual({ repairRequestId: 'r1' });
    const page = backend.expectOne((r) => r.url === 'https://api.test/api/v1/conversations/c1/messages' && r.method === 'GET');
    expect(page.request.params.get('before')).toBe('m9');
    expect(backend.expectOne((r) => r.url === 'https://api.test/api/v1/conversations/c1/messages' && r.method === 'POST').request.body).toEqual({
      content: 'hi',
      clientId: 'k1',
    });
  });

  it('maps the outbox, dead-letter and preference routes, encoding job ids', () => {
    void firstValueFrom(api.operations.emails({ cursor: 'c2', limit: 50 }));
    void firstValueFrom(api.operations.failedJobs());
    void firstValueFrom(api.operations.retryJob('email.quote/1'));
    void firstValueFrom(api.preferences.get());
    void firstValueFrom(api.preferences.update({ emailNonEssential: false }));
    expect(backend.expectOne((r) => r.url === 'https://api.test/api/v1/admin/emails').request.params.get('cursor')).toBe('c2');
    expect(backend.expectOne((r) => r.url === 'https://api.test/api/v1/admin/jobs/failed').request.params.keys()).toEqual([]);
    expect(backend.expectOne('https://api.test/api/v1/admin/jobs/failed/email.quote%2F1/retry').request.method).toBe('POST');
    expect(backend.expectOne((r) => r.url === 'https://api.test/api/v1/auth/me/preferences' && r.method === 'GET')).toBeTruthy();
    const patch = backend.expectOne((r) => r.url === 'https://api.test/api/v1/auth/me/preferences' && r.method === 'PATCH');
    expect(patch.request.body).toEqual({ emailNonEssential: false });
  });

  it('changes the password as the signed-in user, not as a session route', async () => {
    const done = firstValueFrom(api.auth.changePassword({ currentPassword: 'old secret 1', newPassword: 'new secret 22' }), { defaultValue: undefined });
    const request = backend.expectOne('https://api.test/api/v1/auth/me/password');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ currentPassword: 'old secret 1', newPassword: 'new secret 22' });
    expect(request.request.context.get(AUTH_ENDPOINT)).toBe(false);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;
  });

  it('asks for and uses a reset link as session routes: no bearer token, no refresh-and-retry', () => {
    void firstValueFrom(api.auth.forgotPassword({ email: 'ada@example.test' }));
    void firstValueFrom(api.auth.resetPassword({ token: 't0k', password: 'new secret 22' }));
    const forgot = backend.expectOne('https://api.test/api/v1/auth/password/forgot');
    expect(forgot.request.body).toEqual({ email: 'ada@example.test' });
    expect(forgot.request.context.get(AUTH_ENDPOINT)).toBe(true);
    const reset = backend.expectOne('https://api.test/api/v1/auth/password/reset');
    expect(reset.request.body).toEqual({ token: 't0k', password: 'new secret 22' });
    expect(reset.request.context.get(AUTH_ENDPOINT)).toBe(true);
  });
});
