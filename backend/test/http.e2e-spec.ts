import { registerCustomer } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('HTTP basics: errors, validation, limits, headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096', CORS_ORIGINS: 'https://partner.example' });
  });
  afterAll(() => t.close());

  it('echoes the client’s x-request-id and uses it in problem bodies', async () => {
    const res = await t.api.get('/auth/me', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(expectProblem(res, 401).requestId).toBe('trace-abc-123');
  });

  it('generates a request id when the client sends none or a malformed one', async () => {
    const none = await t.api.get('/health');
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const evil = await t.api.get('/health', { headers: { 'x-request-id': 'bad id\twith spaces<script>' } });
    expect(evil.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a 404 problem', async () => {
    expectProblem(await t.api.get('/no-such-thing'), 404, 'ROUTE.NOT_FOUND');
  });

  it('rejects wrong types and unknown fields with field-level errors, never 500', async () => {
    const wrongTypes = await t.api.post('/auth/register', { email: 42, password: ['x'], name: null });
    const problem = expectProblem(wrongTypes, 400, 'REQUEST.INVALID');
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['email', 'password', 'name']));

    const unknown = await t.api.post('/auth/login', { email: 'a@b.test', password: 'whatever-123', isAdmin: true });
    expect(expectProblem(unknown, 400).errors).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
  });

  it('answers malformed JSON, an array body and a wrong content type with 4xx problems', async () => {
    expectProblem(await t.api.request('POST', '/auth/login', { raw: '{"email": "a@b.test",' }), 400);
    expectProblem(await t.api.request('POST', '/auth/login', { raw: '[1,2,3]' }), 400);
    const text = await t.api.request('POST', '/auth/login', { raw: 'email=a', headers: { 'content-type': 'text/plain' } });
    expect([400, 415]).toContain(text.status);
    expect(text.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses an oversize body with 413 problem+json', async () => {
    const res = await t.api.post('/auth/login', { email: 'a@b.test', password: 'x'.repeat(10_000) });
    expectProblem(res, 413, 'REQUEST.TOO_LARGE');
  });

  it('sets security headers on every response, errors included', async () => {
    for (const res of [await t.api.get('/health'), await t.api.get('/auth/me')]) {
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('allows CORS only for configured origins, never a wildcard with credentials', async () => {
    const preflight = (origin: string) =>
      t.api.request('OPTIONS', '/auth/login', { headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('https://partner.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports health in terminus format with the database up', async () => {
    const res = await t.api.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document with both the routes and their problem responses', async () => {
    // Plain fetch: the document and Swagger UI are served outside /api/v1 and describe no route of their own.
    const res = await fetch(`${t.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc: any = await res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/health']));
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.summary).toBeTruthy();
    expect(login.responses['401'].content['application/problem+json']).toBeDefined();
    expect(doc.paths['/api/v1/users'].post.security).toEqual([{ bearer: [] }]);
    // Routes open to API keys list the second scheme too.
    expect(doc.paths['/api/v1/users'].get.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
    expect((await fetch(`${t.baseUrl}/api/docs`)).status).toBe(200);
  });

  it('never lets a customer reach admin routes', async () => {
    const customer = await registerCustomer(t);
    expectProblem(await t.api.get('/users', { token: customer.token }), 403, 'AUTH.FORBIDDEN_ROLE');
  });
});
