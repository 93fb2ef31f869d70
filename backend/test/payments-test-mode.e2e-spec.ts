import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { acceptQuote, quoteToPay } from './factories/payments.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** No STRIPE_SECRET_KEY: the labelled test mode the embedded demo runs in. Nothing leaves the machine. */
describe('payments (test mode)', () => {
  let t: TestApp;
  let customer: TestUser;
  let other: TestUser;
  let technician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    // An unreachable API URL: any call to Stripe would fail the flow.
    t = await startTestApp({ STRIPE_SECRET_KEY: undefined, STRIPE_API_URL: 'http://127.0.0.1:9' });
    [customer, other, technician, admin] = await Promise.all([
      registerCustomer(t, 'Demo Customer'),
      registerCustomer(t, 'Other Customer'),
      createStaff(t, 'technician'),
      createStaff(t, 'admin'),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const status = async (table: string, id: string) => (await t.sql(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0].status;

  it('says it is in test mode', async () => {
    expect((await t.api.get('/payments/config')).body).toEqual({ testMode: true, publishableKey: null });
  });

  it('pays end to end through the signed webhook path: decline, retry, success, refunds', async () => {
    const { repair, quote } = await quoteToPay(t, customer, technician);
    const first = await acceptQuote(t, customer, quote.id);
    expect(first).toMatchObject({ status: 'requires_payment', amount: 17_499, currency: 'usd' });
    expect(first.clientSecret).toMatch(/^pi_test_[0-9a-f]{32}_secret_[\w-]+$/);
    expect(await acceptQuote(t, customer, quote.id)).toEqual(first);

    // Only the paying customer, and only in test mode.
    expectProblem(await t.api.post(`/payments/${first.id}/test-confirm`, {}, { token: other.token }), 404, 'PAYMENT.NOT_FOUND');
    expectProblem(await t.api.post(`/payments/${first.id}/test-confirm`, {}, { token: technician.token }), 403);
    expectProblem(await t.api.post(`/payments/${first.id}/test-confirm`, { outcome: 'maybe' }, { token: customer.token }), 400);

    const declined = await t.api.post(`/payments/${first.id}/test-confirm`, { outcome: 'failed' }, { token: customer.token });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ id: first.id, status: 'failed', testMode: true });
    expect(await status('quotes', quote.id)).toBe('pending');
    expectProblem(await t.api.post(`/payments/${first.id}/test-confirm`, {}, { token: customer.token }), 409, 'PAYMENT.NOT_OPEN');

    const second = await acceptQuote(t, customer, quote.id);
    expect(second.id).not.toBe(first.id);
    const paid = await t.api.post(`/payments/${second.id}/test-confirm`, {}, { token: customer.token });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id: second.id, status: 'succeeded', amountRefunded: 0 });
    expect(await status('quotes', quote.id)).toBe('accepted');
    expect(await status('repair_requests', repair.id)).toBe('approved');

    // The same path real webhooks take: each simulated event was verified and recorded once.
    const events = await t.sql(`SELECT provider_event_id, type, outcome FROM webhook_events WHERE payment_id = ANY($1::uuid[]) ORDER BY received_at`, [[first.id, second.id]]);
    expect(events).toEqual([
      { provider_event_id: expect.stringMatching(/^evt_test_/), type: 'payment_intent.payment_failed', outcome: 'applied' },
      { provider_event_id: expect.stringMatching(/^evt_test_/), type: 'payment_intent.succeeded', outcome: 'applied' },
    ]);

    const partial = await t.api.post(`/payments/${second.id}/refund`, { amount: 2_499, reason: 'Goodwill' }, { token: admin.token });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: 'succeeded', amountRefunded: 2_499, refunds: [{ amount: 2_499, status: 'succeeded' }] });
    expectProblem(await t.api.post(`/payments/${second.id}/refund`, { amount: 15_001, reason: 'Too much' }, { token: admin.token }), 409, 'PAYMENT.REFUND_EXCEEDS');
    const full = await t.api.post(`/payments/${second.id}/refund`, { reason: 'Cancelled by customer' }, { token: admin.token });
    expect(full.body).toMatchObject({ status: 'refunded', amountRefunded: 17_499 });
    expect(full.body.refunds.map((r: { amount: number; status: string }) => [r.amount, r.status])).toEqual([
      [2_499, 'succeeded'],
      [15_000, 'succeeded'],
    ]);
    const refundEvents = await t.sql(`SELECT 1 FROM webhook_events WHERE payment_id = $1 AND type = 'charge.refunded' AND outcome = 'applied'`, [second.id]);
    expect(refundEvents).toHaveLength(2);
  });

  it('keeps refunds for admins and payments for their owners', async () => {
    const { quote } = await quoteToPay(t, customer, technician);
    const payment = await acceptQuote(t, customer, quote.id);
    await t.api.post(`/payments/${payment.id}/test-confirm`, {}, { token: customer.token });
    expectProblem(await t.api.post(`/payments/${payment.id}/refund`, { reason: 'Refund myself' }, { token: customer.token }), 403);
    expectProblem(await t.api.get(`/payments/${payment.id}`, { token: other.token }), 404);
    expect((await t.api.get(`/payments/${payment.id}`, { token: customer.token })).body.status).toBe('succeeded');
  });

  it('leaves a payment Stripe took (before the key was removed) to Stripe: 409, never a test refund or a test secret', async () => {
    const { quote } = await quoteToPay(t, customer, technician);
    const open = await acceptQuote(t, customer, quote.id);
    await t.sql(`UPDATE payments SET test_mode = false WHERE id = $1`, [open.id]);
    expectProblem(await t.api.post(`/quotes/${quote.id}/accept`, {}, { token: customer.token }), 409, 'PAYMENT.PROVIDER_NOT_CONFIGURED');
    expectProblem(await t.api.post(`/payments/${open.id}/test-confirm`, {}, { token: customer.token }), 409, 'PAYMENT.NOT_TEST_MODE');

    const paid = await acceptQuote(t, customer, (await quoteToPay(t, customer, technician)).quote.id);
    await t.api.post(`/payments/${paid.id}/test-confirm`, {}, { token: customer.token });
    await t.sql(`UPDATE payments SET test_mode = false WHERE id = $1`, [paid.id]);
    expectProblem(await t.api.post(`/payments/${paid.id}/refund`, { reason: 'Goodwill' }, { token: admin.token }), 409, 'PAYMENT.PROVIDER_NOT_CONFIGURED');
    expect(await t.sql(`SELECT 1 FROM refunds WHERE payment_id = $1`, [paid.id])).toHaveLength(0);
  });

  // Last: it would exhaust the write budget if the webhook were throttled like other writes.
  it('never rate-limits the webhook (Stripe retries must get through)', async () => {
    const payload = JSON.stringify({ id: 'evt_flood', type: 'payment_intent.succeeded', data: { object: {} } });
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) {
      const res = await t.api.post('/payments/webhook', undefined, { raw: payload, headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } });
      statuses.push(res.status);
    }
    expect(new Set(statuses)).toEqual(new Set([400]));
  });
});
