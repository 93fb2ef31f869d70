import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApiKey, withKey } from './factories/integrations.factory.js';
import { createDevice, createRepair } from './factories/repairs.factory.js';
import { createStaff, registerCustomer } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { contractViolations } from './support/openapi-contract.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; schema: Record<string, unknown> }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
  description?: string;
};

const exported = JSON.parse(readFileSync(fileURLToPath(new URL('../dist/openapi.json', import.meta.url)), 'utf8'));
const operation = (method: string, path: string): Operation => exported.paths[`/api/v1${path}`][method];
const schema = (ref: string) => exported.components.schemas[ref.replace('#/components/schemas/', '')];
const operations = (): [string, string, Operation][] =>
  Object.entries(exported.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [method, path, op] as [string, string, Operation]));

describe('the OpenAPI document tells integrators the truth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is the document the app serves', async () => {
    // Plain fetch: the document and Swagger UI are served outside /api/v1 and describe no route of their own.
    const served = await fetch(`${t.baseUrl}/api/docs-json`);
    expect(await served.json()).toEqual(exported);
  });

  it('documents the statuses the service answers', async () => {
    expect(Object.keys(operation('post', '/repairs').responses)).toEqual(expect.arrayContaining(['404', '413']));
    expect(Object.keys(operation('get', '/auth/me').responses)).toContain('403');
    expect(Object.keys(operation('get', '/conversations').responses)).toContain('403');

    const admin = await createStaff(t, 'admin');
    const key = await createApiKey(t, admin, ['repairs:read']);
    expectProblem(await t.api.get('/auth/me', withKey(key.secret)), 403);
    expectProblem(await t.api.get('/conversations', withKey(key.secret)), 403);
    const customer = await registerCustomer(t);
    expectProblem(await t.api.post('/repairs', { deviceId: randomUUID(), issueDescription: 'Cracked screen after a fall', urgency: 'normal' }, { token: customer.token }), 404);
  });

  it('marks optional the bodies the service takes empty, and the service takes them', async () => {
    for (const [method, path] of [
      ['post', '/auth/refresh'],
      ['post', '/auth/logout'],
      ['patch', '/users/{id}'],
      ['patch', '/devices/{id}'],
      ['post', '/repairs/{id}/assign'],
      ['post', '/quotes/{id}/reject'],
    ]) {
      expect([method, path, operation(method, path).requestBody?.required]).toEqual([method, path, false]);
    }
    const customer = await registerCustomer(t);
    const device = await createDevice(t, customer);
    const technician = await createStaff(t, 'technician');
    const repair = await createRepair(t, customer, { deviceId: device.id });
    expect((await t.api.patch(`/devices/${device.id}`, undefined, { token: customer.token })).status).toBe(200);
    expect((await t.api.post(`/repairs/${repair.id}/assign`, undefined, { token: technician.token })).status).toBe(200);
    expect((await t.api.post('/auth/logout', undefined)).status).toBe(204);
  });

  it('is as strict as the validation: closed bodies, integers, uuid and email formats, lengths, unknown query parameters', async () => {
    for (const [, path, op] of operations()) {
      const ref = op.requestBody?.content['application/json']?.schema.$ref;
      if (ref) expect([path, schema(ref).additionalProperties]).toEqual([path, false]);
      for (const parameter of op.parameters ?? []) {
        if (parameter.name === 'limit') expect([path, parameter.schema.type]).toEqual([path, 'integer']);
      }
      if (op.parameters?.some((p) => p.in === 'query')) expect(op.description).toContain('Query parameters not listed here are refused with 400.');
    }
    for (const [method, path] of [
      ['get', '/devices/{id}'],
      ['post', '/repairs/{id}/assign'],
      ['post', '/quotes/{id}/reject'],
      ['get', '/conversations/{id}/messages'],
    ]) {
      expect([path, operation(method, path).parameters!.find((p) => p.name === 'id')!.schema.format]).toEqual([path, 'uuid']);
    }
    expect(schema('CreateRepairDto').properties.deviceId.format).toBe('uuid');
    expect(schema('CreateUserDto').properties.email.format).toBe('email');
    expect(schema('SendMessageDto').properties.content.maxLength).toEqual(expect.any(Number));
    expect(schema('RefreshDto').properties.refreshToken.maxLength).toBe(200);
    const assignedTo = operation('get', '/repairs').parameters!.find((p) => p.name === 'assignedTo')!;
    expect(assignedTo.schema.anyOf).toEqual([{ type: 'string', enum: ['none'] }, { type: 'string', format: 'uuid' }]);

    const customer = await registerCustomer(t);
    expectProblem(await t.api.get('/repairs?limit=1.5', { token: customer.token }), 400);
    expectProblem(await t.api.get('/repairs?color=red', { token: customer.token }), 400);
  });

  it('fails an exchange that breaks it: a 2xx to a refused request, an undocumented status, a missing field', async () => {
    const base = { method: 'GET', url: '/api/v1/shop', headers: {}, body: undefined, contentType: 'application/json' };
    const shop = (await t.api.get('/shop')).body;
    expect(await contractViolations({ ...base, status: 200, responseBody: shop })).toEqual([]);
    expect(await contractViolations({ ...base, status: 418, responseBody: shop })).toEqual([expect.stringContaining('status 418 is not documented')]);
    const { name: _name, ...withoutName } = shop;
    expect(await contractViolations({ ...base, status: 200, responseBody: withoutName })).toEqual([expect.stringContaining("must have required property 'name'")]);
    expect(
      await contractViolations({ ...base, method: 'POST', url: '/api/v1/auth/login', body: { email: 'a@b.test', password: 'x', admin: true }, status: 200, responseBody: {} }),
    ).toEqual(expect.arrayContaining([expect.stringContaining('the server took a request the document refuses')]));
    expect(await contractViolations({ ...base, url: '/api/v1/repairs?color=red', status: 200, responseBody: { items: [], nextCursor: null } })).toEqual([
      expect.stringContaining('the server took a request the document refuses'),
    ]);
  });
});
