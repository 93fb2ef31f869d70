import type { EmailView, RepairSummary } from '@repairhub/contracts';
import { createDevice, createRepair, issueQuote, transitionAsSystem } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('ticket numbers and repair search', () => {
  let t: TestApp;
  let ada: TestUser;
  let bob: TestUser;
  let tech: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [ada, bob, tech, admin] = await Promise.all([
      registerCustomer(t, 'Ada Lovelace'),
      registerCustomer(t, 'Bob Marley'),
      createStaff(t, 'technician', 'Tess Tech'),
      createStaff(t, 'admin', 'Alex Admin'),
    ]);
  });
  afterAll(() => t.close());

  const search = async (user: TestUser, q: string, extra = '') => {
    const res = await t.api.get(`/repairs?q=${encodeURIComponent(q)}${extra}`, { token: user.token });
    expect(res.status).toBe(200);
    return (res.body.items as RepairSummary[]).map((r) => r.ticketNumber);
  };

  it('numbers repairs R-1001, R-1002, … in order, in lists and details, and finds one by its ticket number in any case', async () => {
    const first = await createRepair(t, ada);
    const second = await createRepair(t, ada);
    expect(first.ticketNumber).toMatch(/^R-\d+$/);
    expect(Number(second.ticketNumber.slice(2))).toBe(Number(first.ticketNumber.slice(2)) + 1);
    expect(Number(first.ticketNumber.slice(2))).toBeGreaterThanOrEqual(1001);

    const list = await t.api.get('/repairs', { token: ada.token });
    expect(list.body.items.map((r: RepairSummary) => r.ticketNumber)).toEqual(expect.arrayContaining([first.ticketNumber, second.ticketNumber]));

    const byTicket = await t.api.get(`/repairs/${second.ticketNumber.toLowerCase()}`, { token: ada.token });
    expect(byTicket.status).toBe(200);
    expect(byTicket.body.id).toBe(second.id);
    // Another customer's ticket number reads like a missing one.
    expectProblem(await t.api.get(`/repairs/${second.ticketNumber}`, { token: bob.token }), 404, 'REPAIR.NOT_FOUND');
    expectProblem(await t.api.get('/repairs/R-99999999', { token: ada.token }), 404, 'REPAIR.NOT_FOUND');
    expectProblem(await t.api.get('/repairs/not-a-ticket', { token: ada.token }), 400, 'REQUEST.INVALID_REPAIR_REFERENCE');
  });

  it('lets staff search by ticket number, customer name or email, and device brand or model; customers may not search', async () => {
    const phone = await createDevice(t, bob, { type: 'phone', brand: 'Fairphone', model: 'Gen 5' });
    const bobs = await createRepair(t, bob, { deviceId: phone.id });
    const adas = await createRepair(t, ada);

    expect(await search(admin, bobs.ticketNumber.toLowerCase())).toEqual([bobs.ticketNumber]);
    expect(await search(admin, 'marley')).toEqual([bobs.ticketNumber]);
    expect(await search(admin, bob.email.slice(9, 17).toUpperCase())).toEqual([bobs.ticketNumber]);
    expect(await search(admin, 'fairphone gen')).toEqual([bobs.ticketNumber]);
    expect(await search(admin, 'LOVELACE')).toContain(adas.ticketNumber);
    expect(await search(admin, 'LOVELACE')).not.toContain(bobs.ticketNumber);
    // A typed % is a character, not a wildcard.
    expect(await search(admin, '%')).toEqual([]);

    // Technicians search within what they may see: unassigned submitted requests and their own.
    expect(await search(tech, 'marley')).toEqual([bobs.ticketNumber]);

    expectProblem(await t.api.get('/repairs?q=ada', { token: ada.token }), 403, 'REPAIR.SEARCH_STAFF_ONLY');
    expectProblem(await t.api.get(`/repairs?q=${'x'.repeat(101)}`, { token: admin.token }), 400);
  });

  it('finds a walk-in customer\'s repairs by their phone number typed in any format', async () => {
    // A number of its own per run: phones are unique across users, and the database may be shared.
    const local = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('');
    const checkIn = await t.api.post(
      '/repairs/check-in',
      {
        customer: { name: 'Robin Walk-in', phone: `+44 ${local}` },
        device: { type: 'phone', brand: 'Nokia', model: 'G42' },
        issueDescription: 'Does not charge any more.',
        urgency: 'normal',
      },
      { token: admin.token },
    );
    expect(checkIn.status).toBe(201);
    const ticket = checkIn.body.ticketNumber as string;

    // The whole number as the customer says it on the phone, with a trunk zero, or only its tail.
    expect(await search(admin, `0044 ${local.slice(0, 4)} ${local.slice(4)}`)).toEqual([ticket]);
    expect(await search(admin, `0${local}`)).toEqual([ticket]);
    expect(await search(admin, `${local.slice(-6, -3)}-${local.slice(-3)}`)).toEqual([ticket]);
    expect(await search(tech, `(0) ${local}`)).toEqual([ticket]);
    // Another number, or too few digits to mean one, finds nothing of theirs.
    expect(await search(admin, `${local.slice(0, -1)}${(Number(local.at(-1)) + 1) % 10}`)).not.toContain(ticket);
    expect(await search(admin, local.slice(-3))).not.toContain(ticket);
  });

  it('hides completed and cancelled repairs with open=true', async () => {
    const device = await createDevice(t, bob, { brand: 'Framework', model: 'Laptop 13' });
    const done = await createRepair(t, bob, { deviceId: device.id });
    await issueQuote(t, tech, done.id);
    await transitionAsSystem(t, done.id, 'approved');
    await t.api.post(`/repairs/${done.id}/status`, { status: 'in_progress' }, { token: tech.token });
    expect((await t.api.post(`/repairs/${done.id}/status`, { status: 'completed' }, { token: tech.token })).status).toBe(200);
    const cancelled = await createRepair(t, bob, { deviceId: device.id });
    await t.api.post(`/repairs/${cancelled.id}/status`, { status: 'cancelled' }, { token: bob.token });
    const open = await createRepair(t, bob, { deviceId: device.id });
    await issueQuote(t, tech, open.id);

    const all = await search(tech, 'framework');
    expect(all).toEqual(expect.arrayContaining([done.ticketNumber, open.ticketNumber]));
    expect(await search(tech, 'framework', '&open=true')).toEqual([open.ticketNumber]);
    expect(await search(admin, 'framework', '&open=true')).toEqual([open.ticketNumber]);
    expect((await search(admin, 'framework')).sort()).toEqual([done.ticketNumber, cancelled.ticketNumber, open.ticketNumber].sort());
  });

  it('names the repair by its ticket number in the email subject', async () => {
    const repair = await createRepair(t, ada);
    await issueQuote(t, tech, repair.id);
    const emails = await t.api.get('/admin/emails?limit=100', { token: admin.token });
    const quoteEmail = (emails.body.items as EmailView[]).find((e) => e.to === ada.email && e.subject.includes(repair.ticketNumber));
    expect(quoteEmail?.subject).toMatch(new RegExp(`\\(${repair.ticketNumber}\\)$`));
  });
});
