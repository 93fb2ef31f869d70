import { FORGOT_PASSWORD_MESSAGE } from '@repairhub/contracts';
import { STRONG_PASSWORD, createStaff, registerCustomer, uniqueEmail, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { clientAddress } from './support/client-address.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const NEW_PASSWORD = 'Copper-Meadow-Falcon-17';
const bodyTransport = { headers: { 'x-token-transport': 'body' } };

describe('password reset', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  /** Reset requests carry no email: each person sends them from their own address, as in real life. */
  const reset = (user: { email: string }, token: string, password: string) =>
    t.api.post('/auth/password/reset', { token, password }, { from: clientAddress(user.email) });

  const resetEmails = async (to: string) => {
    const page = await t.api.get('/admin/emails?limit=100', { token: admin.token });
    expect(page.status).toBe(200);
    return (page.body.items as { to: string; template: string; subject: string; text: string; html: string }[]).filter(
      (e) => e.to === to && e.template === 'password_reset',
    );
  };

  /** Asks for a link and reads it from the email, as an admin reads the outbox. */
  const emailedLink = async (email: string) => {
    expect((await t.api.post('/auth/password/forgot', { email })).status).toBe(202);
    const [latest] = await resetEmails(email);
    const link = latest.text.match(/(\S+\/reset-password\?token=\S+)/)?.[1];
    if (!link) throw new Error(`no link in ${latest.text}`);
    return { link, token: new URL(link).searchParams.get('token')! };
  };

  const signIn = (email: string, password: string) => t.api.post('/auth/login', { email, password });

  it('answers an unknown or deactivated address exactly like a real one and emails only the real one', async () => {
    const customer = await registerCustomer(t);
    const gone = await registerCustomer(t, 'Gone Customer');
    expect((await t.api.patch(`/users/${gone.id}`, { active: false }, { token: admin.token })).status).toBe(200);
    const ghost = uniqueEmail('ghost');

    const forgot = (email: string) => t.api.post('/auth/password/forgot', { email });
    for (const response of [await forgot(customer.email), await forgot(ghost), await forgot(gone.email)]) {
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    }
    // Neither path hashes a password or sends mail in the request (the email goes through the outbox),
    // so a real account does not stand out by time either; no timing is asserted (load would decide it).
    expect(await resetEmails(customer.email)).toHaveLength(1);
    expect(await resetEmails(gone.email)).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM email_outbox WHERE to_address = $1`, [ghost])).toEqual([]);
  });

  it('emails a link that sets the password once; the old password stops working', async () => {
    const customer = await registerCustomer(t);
    const { link, token } = await emailedLink(customer.email);
    const [email] = await resetEmails(customer.email);
    expect(email.subject).toBe('Reset your RepairHub password');
    expect(email.text).toContain('expires in 30 minutes');
    expect(new URL(link).pathname).toBe('/reset-password');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(await t.sql(`SELECT * FROM password_reset_tokens`))).not.toContain(token);

    expect((await reset(customer, token, NEW_PASSWORD)).status).toBe(204);
    expect((await signIn(customer.email, NEW_PASSWORD)).status).toBe(200);
    expectProblem(await signIn(customer.email, STRONG_PASSWORD), 401, 'AUTH.INVALID_CREDENTIALS');

    const again = expectProblem(await reset(customer, token, 'Another-Fresh-Passphrase-8'), 400, 'AUTH.RESET_TOKEN_INVALID');
    expect(again.detail).toMatch(/expired or was already used/);
    expect((await signIn(customer.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('sends staff to the console’s reset page', async () => {
    const technician = await createStaff(t, 'technician');
    const { link } = await emailedLink(technician.email);
    expect(new URL(link).pathname).toBe('/console/reset-password');
  });

  it('refuses an expired link and leaves the password as it was', async () => {
    const customer = await registerCustomer(t);
    const { token } = await emailedLink(customer.email);
    await t.sql(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [customer.id]);
    expectProblem(await reset(customer, token, NEW_PASSWORD), 400, 'AUTH.RESET_TOKEN_INVALID');
    expect((await signIn(customer.email, STRONG_PASSWORD)).status).toBe(200);
  });

  it('kills older links once one is used, and refuses unknown tokens', async () => {
    const customer = await registerCustomer(t);
    const first = await emailedLink(customer.email);
    // The customer asks again a few minutes later (a second link within a minute is not sent).
    await t.sql(`UPDATE password_reset_tokens SET created_at = created_at - interval '3 minutes' WHERE user_id = $1`, [customer.id]);
    const second = await emailedLink(customer.email);
    expect((await reset(customer, second.token, NEW_PASSWORD)).status).toBe(204);
    expectProblem(await reset(customer, first.token, 'Another-Fresh-Passphrase-8'), 400, 'AUTH.RESET_TOKEN_INVALID');
    expectProblem(await reset(customer, 'x'.repeat(43), NEW_PASSWORD), 400, 'AUTH.RESET_TOKEN_INVALID');
  });

  it('explains a weak or short password beside the field and keeps the link usable', async () => {
    const customer = await registerCustomer(t);
    const { token } = await emailedLink(customer.email);
    const common = expectProblem(await reset(customer, token, 'password1'), 400, 'AUTH.WEAK_PASSWORD');
    expect(common.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const short = expectProblem(await reset(customer, token, 'short'), 400, 'REQUEST.INVALID');
    expect(short.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    expect((await reset(customer, token, NEW_PASSWORD)).status).toBe(204);
  });

  it('validates the bodies: unknown fields and a missing token are refused', async () => {
    const customer = await registerCustomer(t);
    expectProblem(await t.api.post('/auth/password/forgot', { email: customer.email, role: 'admin' }), 400, 'REQUEST.INVALID');
    expectProblem(await t.api.post('/auth/password/forgot', { email: 'not-an-email' }), 400, 'REQUEST.INVALID');
    const missing = expectProblem(await t.api.post('/auth/password/reset', { password: NEW_PASSWORD }, { from: clientAddress(customer.email) }), 400, 'REQUEST.INVALID');
    expect(missing.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'token' })]));
  });

  it('ends every session of the user: access tokens and refresh tokens', async () => {
    const customer = await registerCustomer(t);
    const other = await t.api.post('/auth/login', { email: customer.email, password: STRONG_PASSWORD }, bodyTransport);
    expect(other.status).toBe(200);
    const { token } = await emailedLink(customer.email);
    expect((await reset(customer, token, NEW_PASSWORD)).status).toBe(204);

    for (const access of [customer.token, other.body.accessToken]) {
      expectProblem(await t.api.get('/auth/me', { token: access }), 401);
    }
    for (const refreshToken of [customer.refreshToken, other.body.refreshToken]) {
      expectProblem(await t.api.post('/auth/refresh', { refreshToken }, { ...bodyTransport, from: clientAddress(customer.email) }), 401, 'AUTH.REFRESH_INVALID');
    }
  });

  it('lets exactly one of two concurrent resets with one link win', async () => {
    const customer = await registerCustomer(t);
    const { token } = await emailedLink(customer.email);
    const passwords = ['Concurrent-Winner-Amber-1', 'Concurrent-Winner-Basalt-2'];
    const results = await Promise.all(passwords.map((password) => reset(customer, token, password)));
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
    expectProblem(results.find((r) => r.status === 400)!, 400, 'AUTH.RESET_TOKEN_INVALID');
    const winner = passwords[results.findIndex((r) => r.status === 204)];
    const loser = passwords.find((p) => p !== winner)!;
    expect((await signIn(customer.email, winner)).status).toBe(200);
    expect((await signIn(customer.email, loser)).status).toBe(401);
  });

  describe('rate limits (the shipped budgets)', () => {
    it('sends one link a minute to an address asked for from many places, and limits each place, without telling whether it exists', async () => {
      const customer = await registerCustomer(t);
      for (const [n, email] of [customer.email, uniqueEmail('ghost')].entries()) {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i += 1) statuses.push((await t.api.post('/auth/password/forgot', { email }, { from: `127.77.${n}.${i + 2}` })).status);
        expect(statuses).toEqual([202, 202, 202, 202, 202, 202]);
        const fromOnePlace: number[] = [];
        for (let i = 0; i < 6; i += 1) fromOnePlace.push((await t.api.post('/auth/password/forgot', { email }, { from: `127.77.${n}.200` })).status);
        expect(fromOnePlace).toEqual([202, 202, 202, 202, 202, 429]);
      }
      expect(await resetEmails(customer.email)).toHaveLength(1);
    });

    it('limits one client address asking for many addresses', async () => {
      const from = '127.78.0.9';
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await t.api.post('/auth/password/forgot', { email: uniqueEmail('probe') }, { from })).status);
      expect(statuses.every((s) => s === 202)).toBe(true);
      const limited = expectProblem(await t.api.post('/auth/password/forgot', { email: uniqueEmail('probe') }, { from }), 429);
      expect(limited.detail).toBeTruthy();
    });
  });
});
