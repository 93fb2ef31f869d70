import type { RepairDetail } from '@repairhub/contracts';
import { assignRepair, createDevice, createRepair, issueQuote } from './factories/repairs.factory.js';
import { STRONG_PASSWORD, createStaff, login, registerCustomer, uniqueEmail, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { clientAddress } from './support/client-address.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const NEW_PASSWORD = 'Copper-Meadow-Falcon-17';

describe('counter check-in and the public tracking page', () => {
  let t: TestApp;
  let admin: TestUser;
  let technician: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createStaff(t, 'admin');
    technician = await createStaff(t, 'technician');
  });
  afterAll(() => t.close());

  const walkIn = (overrides: Record<string, unknown> = {}) => ({
    customer: { name: 'Grace Walker', email: uniqueEmail('walkin') },
    device: { type: 'phone', brand: 'Google', model: 'Pixel 8', serialNumber: 'GP8-445566' },
    issueDescription: 'Cracked screen after a drop, touch works.',
    urgency: 'high',
    ...overrides,
  });
  const checkIn = (by: TestUser, body: object) => t.api.post('/repairs/check-in', body, { token: by.token });
  const tokenOf = (repair: RepairDetail) => new URL(repair.trackingUrl!).pathname.split('/').pop()!;
  const track = (token: string, from = clientAddress(`visitor-${token}`)) => t.api.get(`/public/track/${token}`, { from });
  const invitations = async (to: string) => {
    const page = await t.api.get('/admin/emails?limit=100', { token: admin.token });
    expect(page.status).toBe(200);
    return (page.body.items as { to: string; template: string; subject: string; text: string }[]).filter((e) => e.to === to && e.template === 'account_invitation');
  };

  it('lets a technician check a new walk-in customer in: the repair is theirs, and the customer is invited to the portal where it appears', async () => {
    const body = walkIn({ condition: 'Scratched back', accessories: ['Charger', 'Case'], depositNote: '£20 cash' });
    const response = await checkIn(technician, body);
    expect(response.status).toBe(201);
    const repair = response.body as RepairDetail;
    expect(repair).toMatchObject({
      status: 'submitted',
      urgency: 'high',
      customerName: 'Grace Walker',
      deviceLabel: 'Google Pixel 8',
      assignedTechnicianId: technician.id,
      condition: 'Scratched back',
      accessories: ['Charger', 'Case'],
      depositNote: '£20 cash',
      invitation: 'sent',
    });
    expect(repair.ticketNumber).toMatch(/^R-\d+$/);
    expect(repair.trackingUrl).toMatch(/\/track\/[\w-]{43}$/);

    const [invitation] = await invitations(body.customer.email);
    expect(invitation.subject).toContain(repair.ticketNumber);
    expect(invitation.text).toContain(repair.trackingUrl);
    const link = invitation.text.match(/(\S+\/reset-password\?token=\S+)/)![1];
    const token = new URL(link).searchParams.get('token')!;
    // Without a password, the account cannot be signed into before the invitation is accepted.
    expectProblem(await t.api.post('/auth/login', { email: body.customer.email, password: NEW_PASSWORD }), 401);
    expect((await t.api.post('/auth/password/reset', { token, password: NEW_PASSWORD }, { from: clientAddress(body.customer.email) })).status).toBe(204);
    const customerToken = await login(t, body.customer.email, NEW_PASSWORD);
    const mine = await t.api.get('/repairs', { token: customerToken });
    expect(mine.body.items.map((r: RepairDetail) => r.id)).toEqual([repair.id]);
    const detail = await t.api.get(`/repairs/${repair.id}`, { token: customerToken });
    expect(detail.body.trackingUrl).toBe(repair.trackingUrl);
    // Staff see how to reach them; the customer's own view does not repeat it.
    expect(repair.customerContact).toEqual({ email: body.customer.email, phone: null });
    expect(detail.body.customerContact).toBeNull();
  });

  it('finds the existing customer by email in any case or by phone in any format, and an account holder gets no invitation', async () => {
    const customer = await registerCustomer(t, 'Ada Account');
    const first = await checkIn(admin, walkIn({ customer: { name: 'Ada A.', email: customer.email.toUpperCase(), phone: '+44 20 7946 0958' } }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: customer.id, customerName: 'Ada Account', assignedTechnicianId: null, status: 'submitted' });
    const byPhone = await checkIn(admin, walkIn({ customer: { name: 'Ada', phone: '0044 (20) 7946-0958' } }));
    expect(byPhone.status).toBe(201);
    expect(byPhone.body).toMatchObject({ customerId: customer.id, invitation: 'has_password' });
    const device = await checkIn(admin, walkIn({ customer: { name: 'Ada', email: customer.email }, device: undefined, deviceId: first.body.deviceId }));
    expect(device.status).toBe(201);
    expect(device.body.deviceId).toBe(first.body.deviceId);

    const mine = await t.api.get('/repairs', { token: customer.token });
    expect(mine.body.items).toHaveLength(3);
    expect(await invitations(customer.email)).toEqual([]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM users WHERE phone = '+442079460958'`)).toEqual([{ n: 1 }]);
  });

  describe('a walk-in customer who gives only a phone number', () => {
    let phones = 0;
    // Each case its own new number: `+1 555 01nn 000` as typed at the counter, `+155501nn000` as stored.
    const newPhone = () => `+1 555 01${String(++phones).padStart(2, '0')} 000`;
    const phoneOnly = async (phone: string, by: TestUser = technician) => {
      const response = await checkIn(by, walkIn({ customer: { name: 'Pat Phone', phone } }));
      expect(response.status).toBe(201);
      return response.body as RepairDetail & { invitation: string };
    };
    const userRow = async (id: string) => (await t.sql(`SELECT email, phone, password_hash IS NULL AS "noPassword" FROM users WHERE id = $1`, [id]))[0];
    const outboxOf = async (userId: string) => (await t.sql(`SELECT template FROM email_outbox WHERE user_id = $1`, [userId])).map((r: { template: string }) => r.template);

    it('is created without an email or password and is not invited; emails about the repair are simply not written', async () => {
      const phone = newPhone();
      const repair = await phoneOnly(phone);
      expect(repair).toMatchObject({ customerName: 'Pat Phone', invitation: 'no_email', status: 'submitted', assignedTechnicianId: technician.id });
      expect(await userRow(repair.customerId)).toEqual({ email: null, phone: phone.replace(/ /g, ''), noPassword: true });
      // The phone is how the shop reaches them: the repair shows it to staff.
      expect(repair.customerContact).toEqual({ email: null, phone: phone.replace(/ /g, '') });
      expect((await t.api.get(`/repairs/${repair.id}`, { token: admin.token })).body.customerContact).toEqual({ email: null, phone: phone.replace(/ /g, '') });

      // The tracking link on the slip is how they follow it; a quote (an essential email) still goes to nobody.
      expect((await track(tokenOf(repair))).status).toBe(200);
      expect((await issueQuote(t, technician, repair.id)).status).toBe('pending');
      expect(await outboxOf(repair.customerId)).toEqual([]);

      // Staff find them by their phone, and see that they have no email.
      const found = await t.api.get(`/counter/customers?q=${encodeURIComponent(phone)}`, { token: technician.token });
      expect(found.body).toEqual([expect.objectContaining({ id: repair.customerId, email: null, phone: phone.replace(/ /g, '') })]);
      const listed = await t.api.get(`/users?q=${encodeURIComponent('Pat Phone')}&role=customer&limit=100`, { token: admin.token });
      // …and in the admin's user list, with the phone that is their only contact.
      expect(listed.body.items).toContainEqual(expect.objectContaining({ id: repair.customerId, email: null, phone: phone.replace(/ /g, '') }));
    });

    it('is found by the same phone at the next visit, in any format, and still not invited', async () => {
      const phone = newPhone();
      const first = await phoneOnly(phone);
      const again = await phoneOnly(`00${phone.slice(1).replace(/ /g, '-')}`, admin);
      expect(again).toMatchObject({ customerId: first.customerId, invitation: 'no_email' });
      expect(await t.sql(`SELECT count(*)::int AS n FROM users WHERE phone = $1`, [phone.replace(/ /g, '')])).toEqual([{ n: 1 }]);
    });

    it('checked in twice at once is one customer', async () => {
      const phone = newPhone();
      const [a, b] = await Promise.all([checkIn(admin, walkIn({ customer: { name: 'Twin Phone', phone } })), checkIn(technician, walkIn({ customer: { name: 'Twin Phone', phone } }))]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.customerId).toBe(b.body.customerId);
      expect(await t.sql(`SELECT count(*)::int AS n FROM users WHERE phone = $1`, [phone.replace(/ /g, '')])).toEqual([{ n: 1 }]);
    });

    it('gets the email given at a later visit, and the invitation with it', async () => {
      const phone = newPhone();
      const first = await phoneOnly(phone);
      const email = uniqueEmail('later');
      const later = await checkIn(admin, walkIn({ customer: { name: 'Pat', email, phone } }));
      expect(later.status).toBe(201);
      expect(later.body).toMatchObject({ customerId: first.customerId, customerName: 'Pat Phone', invitation: 'sent' });
      expect(await userRow(first.customerId)).toMatchObject({ email, noPassword: true });

      const [invitation] = await invitations(email);
      expect(invitation.subject).toContain(later.body.ticketNumber);
      const token = new URL(invitation.text.match(/(\S+\/reset-password\?token=\S+)/)![1]).searchParams.get('token')!;
      expect((await t.api.post('/auth/password/reset', { token, password: NEW_PASSWORD }, { from: clientAddress(email) })).status).toBe(204);
      const mine = await t.api.get('/repairs', { token: await login(t, email, NEW_PASSWORD) });
      expect(mine.body.items.map((r: RepairDetail) => r.id).sort()).toEqual([first.id, later.body.id].sort());
    });

    it('is refused an email that another account has, and keeps none', async () => {
      const other = await registerCustomer(t);
      const phone = newPhone();
      const first = await phoneOnly(phone);
      expectProblem(await checkIn(admin, walkIn({ customer: { name: 'Pat', email: other.email, phone } })), 409, 'CHECKIN.CONTACT_MISMATCH');
      expect(await userRow(first.customerId)).toMatchObject({ email: null });
      expect(await invitations(other.email)).toEqual([]);
    });

    it('cannot become staff, and staff cannot be created without an email', async () => {
      const customer = await phoneOnly(newPhone());
      expectProblem(await t.api.patch(`/users/${customer.customerId}`, { role: 'technician' }, { token: admin.token }), 409, 'USER.STAFF_EMAIL_REQUIRED');
      expectProblem(await t.api.post('/users', { name: 'No Mail', password: STRONG_PASSWORD, role: 'technician' }, { token: admin.token }), 400, 'REQUEST.INVALID');
      await expect(t.sql(`INSERT INTO users (name, role, phone, password_hash) VALUES ('Raw Tech', 'technician', '+15559999000', 'x')`)).rejects.toThrow(/users_staff_email_check/);
      await expect(t.sql(`INSERT INTO users (name, role) VALUES ('Nobody', 'customer')`)).rejects.toThrow(/users_contact_check/);
    });
  });

  it('leaves the repair unassigned when the technician checking it in says so, and ignores the choice for admins', async () => {
    const left = await checkIn(technician, walkIn({ assignToMe: false }));
    expect(left.status).toBe(201);
    expect(left.body).toMatchObject({ status: 'submitted', assignedTechnicianId: null });
    const byAdmin = await checkIn(admin, walkIn({ assignToMe: true }));
    expect(byAdmin.body).toMatchObject({ status: 'submitted', assignedTechnicianId: null });
    expectProblem(await checkIn(technician, walkIn({ assignToMe: 'yes' })), 400, 'REQUEST.INVALID');
  });

  it('checks the same new customer in twice at once as one customer', async () => {
    const email = uniqueEmail('twice');
    const [a, b] = await Promise.all([checkIn(admin, walkIn({ customer: { name: 'Twin', email } })), checkIn(technician, walkIn({ customer: { name: 'Twin', email } }))]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.customerId).toBe(b.body.customerId);
  });

  it('lets only technicians and admins check in, and never onto a staff account', async () => {
    const customer = await registerCustomer(t);
    expectProblem(await checkIn(customer, walkIn()), 403);
    expectProblem(await t.api.post('/repairs/check-in', walkIn()), 401);
    expectProblem(await checkIn(admin, walkIn({ customer: { name: 'Tech', email: technician.email } })), 409, 'CHECKIN.NOT_A_CUSTOMER');
  });

  it('refuses malformed check-ins with 400 and a stable code', async () => {
    const other = await registerCustomer(t);
    const othersDevice = await createDevice(t, other);
    const cases: [object, number, string][] = [
      [walkIn({ role: 'admin' }), 400, 'REQUEST.INVALID'],
      [walkIn({ customer: { name: 'No Contact' } }), 400, 'CHECKIN.CONTACT_REQUIRED'],
      [walkIn({ customer: { name: 'Bad Phone', email: uniqueEmail(), phone: 'call me' } }), 400, 'CHECKIN.PHONE_INVALID'],
      [walkIn({ customer: { name: 'Bad Mail', email: 'not-an-email' } }), 400, 'REQUEST.INVALID'],
      [walkIn({ device: undefined }), 400, 'CHECKIN.DEVICE_REQUIRED'],
      [walkIn({ deviceId: othersDevice.id }), 400, 'CHECKIN.DEVICE_AMBIGUOUS'],
      [walkIn({ device: undefined, deviceId: othersDevice.id }), 404, 'DEVICE.NOT_FOUND'],
      [walkIn({ device: { type: 'toaster', brand: 'X', model: 'Y' } }), 400, 'REQUEST.INVALID'],
      [walkIn({ accessories: 'Charger' }), 400, 'REQUEST.INVALID'],
      [walkIn({ urgency: 'asap' }), 400, 'REQUEST.INVALID'],
    ];
    for (const [body, status, code] of cases) expectProblem(await checkIn(admin, body), status, code);
  });

  it('shows anyone with the link the status, timeline, quote and pickup details, and nothing else', async () => {
    const repair = (await checkIn(technician, walkIn())).body as RepairDetail;
    await issueQuote(t, technician, repair.id, { notes: 'New screen' });
    const response = await track(tokenOf(repair));
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['history', 'quote', 'shop', 'status', 'ticketNumber']);
    expect(response.body).toMatchObject({
      ticketNumber: repair.ticketNumber,
      status: 'quoted',
      quote: { partsCost: 12_999, laborCost: 4_500, total: 17_499, currency: 'usd', status: 'pending', notes: 'New screen' },
    });
    expect(response.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['submitted', 'quoted']);
    expect(Object.keys(response.body.history[0]).sort()).toEqual(['createdAt', 'fromStatus', 'note', 'toStatus']);
    expect(response.body.shop.name).toBeTruthy();
    const text = JSON.stringify(response.body);
    for (const secret of ['GP8-445566', repair.id, repair.customerId, repair.customerName, technician.id]) expect(text).not.toContain(secret);
  });

  it('puts the current tracking link in the customer’s repair emails', async () => {
    const body = walkIn();
    const repair = (await checkIn(technician, body)).body as RepairDetail;
    const renewed = (await t.api.post(`/repairs/${repair.id}/tracking-link`, {}, { token: technician.token })).body as RepairDetail;
    await issueQuote(t, technician, repair.id);
    const page = await t.api.get('/admin/emails?limit=100', { token: admin.token });
    const quoteEmail = (page.body.items as { to: string; template: string; text: string }[]).find((e) => e.to === body.customer.email && e.template === 'quote_issued');
    expect(quoteEmail?.text).toContain(`Follow the repair without signing in: ${renewed.trackingUrl}`);
    expect(quoteEmail?.text).not.toContain(repair.trackingUrl);
  });

  it('answers unknown and replaced links with 404; staff and the owner replace the link, others cannot', async () => {
    const owner = await registerCustomer(t);
    const stranger = await registerCustomer(t);
    const repair = await createRepair(t, owner);
    const original = tokenOf(repair);
    expect((await track(original)).status).toBe(200);
    expectProblem(await track('A'.repeat(43)), 404, 'TRACKING.NOT_FOUND');
    expectProblem(await track('short'), 404, 'TRACKING.NOT_FOUND');

    expectProblem(await t.api.post(`/repairs/${repair.id}/tracking-link`, {}, { token: stranger.token }), 404);
    const replaced = await t.api.post(`/repairs/${repair.id}/tracking-link`, {}, { token: owner.token });
    expect(replaced.status).toBe(201);
    expect(replaced.body.trackingUrl).not.toBe(repair.trackingUrl);
    expectProblem(await track(original), 404, 'TRACKING.NOT_FOUND');
    expect((await track(tokenOf(replaced.body))).status).toBe(200);

    await assignRepair(t, technician, repair.id);
    const byStaff = await t.api.post(`/repairs/${repair.id}/tracking-link`, {}, { token: technician.token });
    expect(byStaff.status).toBe(201);
    expectProblem(await track(tokenOf(replaced.body)), 404);
  });

  it('rate limits the public page per address on a budget of its own', async () => {
    const from = clientAddress('token-guesser');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await track('B'.repeat(43), from)).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another visitor's budget is untouched.
    expect((await track('B'.repeat(43), clientAddress('someone-else'))).status).toBe(404);
  });
});
