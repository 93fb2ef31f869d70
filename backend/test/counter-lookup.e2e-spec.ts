import { randomUUID } from 'node:crypto';
import type { CounterCustomer } from '@repairhub/contracts';
import { createDevice } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, uniqueEmail, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('counter customer lookup', () => {
  let t: TestApp;
  let admin: TestUser;
  let technician: TestUser;
  // One surname per run, so the matches below are this file's customers only.
  const surname = `Quill${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createStaff(t, 'admin');
    technician = await createStaff(t, 'technician');
  });
  afterAll(() => t.close());

  const search = (q: string, by: TestUser | null = technician) => t.api.get(`/counter/customers?q=${encodeURIComponent(q)}`, by ? { token: by.token } : {});
  const walkIn = async (name: string, email: string, phone: string) => {
    const response = await t.api.post(
      '/repairs/check-in',
      { customer: { name, email, phone }, device: { type: 'tablet', brand: 'Apple', model: 'iPad Air', serialNumber: 'IPAD-SECRET-1' }, issueDescription: 'Battery drains in an hour.', urgency: 'normal' },
      { token: admin.token },
    );
    expect(response.status).toBe(201);
    return response.body as { customerId: string; deviceId: string };
  };

  it('finds customers by part of the name or email in any case, or by phone digits in any format, with their devices and no serial', async () => {
    const email = uniqueEmail('lookup');
    const walked = await walkIn(`Mira ${surname}`, email, '+44 20 7946 0123');

    const byName = await search(surname.toUpperCase());
    expect(byName.status).toBe(200);
    const found = byName.body as CounterCustomer[];
    expect(found).toEqual([
      { id: walked.customerId, name: `Mira ${surname}`, email, phone: '+442079460123', devices: [{ id: walked.deviceId, type: 'tablet', brand: 'Apple', model: 'iPad Air' }] },
    ]);
    expect(byName.text).not.toContain('IPAD-SECRET');

    expect((await search(email.slice(0, 14).toUpperCase())).body.map((c: CounterCustomer) => c.id)).toContain(walked.customerId);
    expect((await search('020 7946-0123', admin)).body.map((c: CounterCustomer) => c.id)).toEqual([walked.customerId]);
    expect((await search('(0)7946 0123')).body.map((c: CounterCustomer) => c.id)).toEqual([walked.customerId]);
  });

  it('lists active customers only: never staff, never a deactivated customer', async () => {
    const staffName = `Tess ${surname}staff`;
    await createStaff(t, 'technician', staffName);
    const gone = await walkIn(`Gone ${surname}`, uniqueEmail('gone'), '+1 555 010 7788');
    expect((await t.api.patch(`/users/${gone.customerId}`, { active: false }, { token: admin.token })).status).toBe(200);

    const names = (await search(surname)).body.map((c: CounterCustomer) => c.name);
    expect(names).not.toContain(staffName);
    expect(names).not.toContain(`Gone ${surname}`);
    expect((await search('555 010 7788')).body).toEqual([]);
  });

  it('treats % and _ as the characters they are, and returns a customer without devices with an empty list', async () => {
    const customer = await registerCustomer(t, `Pat_${surname}`);
    const other = await registerCustomer(t, `Patx${surname}`);
    await createDevice(t, other);
    const found = (await search(`Pat_${surname}`)).body as CounterCustomer[];
    expect(found.map((c) => c.id)).toEqual([customer.id]);
    expect(found[0].devices).toEqual([]);
    expect((await search('%%')).body).toEqual([]);
  });

  it('is for technicians and admins only, and refuses a malformed query with 400', async () => {
    const customer = await registerCustomer(t);
    expectProblem(await search(surname, null), 401);
    expectProblem(await search(surname, customer), 403);
    expectProblem(await search('a'), 400, 'REQUEST.INVALID');
    expectProblem(await t.api.get('/counter/customers', { token: technician.token }), 400, 'REQUEST.INVALID');
    expectProblem(await t.api.get(`/counter/customers?q=${surname}&role=admin`, { token: technician.token }), 400, 'REQUEST.INVALID');
  });
});
