import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { acceptQuote, quoteToPay } from './factories/payments.factory.js';
import { expectProblem } from './support/api-client.js';
import { dropRedisKeys, REDIS_URL, uniqueRedisPrefix } from './support/redis.js';
import { startFakeStripe, type FakeStripe } from './support/fake-stripe.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  let last: T;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    last = await probe();
    if (done(last)) return last;
  }
  throw new Error(`${what}: still ${JSON.stringify(last!)}`);
}

/**
 * Recurring jobs (JOB_SCHEDULES_ENABLED is off in tests): queued by hand, run by the app's worker —
 * BullMQ when REDIS_URL is set (CI's second run), the in-process queue otherwise.
 */
describe(`background jobs (${REDIS_URL ? 'BullMQ on Redis' : 'in-process'})`, () => {
  const prefix = uniqueRedisPrefix('jobs');
  let t: TestApp;
  let fake: FakeStripe;
  let customer: TestUser;
  let technician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    fake = await startFakeStripe();
    fake.createDelayMs = 0;
    t = await startTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_API_URL: fake.url, ...(REDIS_URL ? { REDIS_URL, REDIS_KEY_PREFIX: prefix } : {}) });
    [customer, technician, admin] = await Promise.all([registerCustomer(t, 'Job Customer'), createStaff(t, 'technician'), createStaff(t, 'admin')]);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close().catch(() => undefined);
    await dropRedisKeys(prefix);
  });

  const enqueue = (name: string, data: unknown = {}) => t.call('infra/jobs/jobs.service.js', 'Jobs', 'enqueue', name, data);
  const row = async (table: string, id: string) => (await t.sql(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0];

  describe('quote expiry', () => {
    it('persists expired for pending quotes past their expiry, once, and leaves the others', async () => {
      const { quote: due } = await quoteToPay(t, customer, technician);
      const { quote: fresh } = await quoteToPay(t, customer, technician);
      await t.sql(`UPDATE quotes SET expires_at = now() - interval '1 minute' WHERE id = $1`, [due.id]);

      await enqueue('quotes.expire');
      await eventually('the due quote', () => row('quotes', due.id), (q) => q.status === 'expired');
      expect((await row('quotes', fresh.id)).status).toBe('pending');
      expectProblem(await t.api.post(`/quotes/${due.id}/accept`, {}, { token: customer.token }), 409, 'QUOTE.EXPIRED');
      // Idempotent: a second run (another instance, a retry) finds nothing more to do.
      expect(await t.call('quotes/quote-jobs.js', 'QuoteJobs', 'expireDue')).toBe(0);
    });

    it('reminds once about a quote pending for over 48 hours', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      await t.sql(`UPDATE quotes SET created_at = now() - interval '49 hours' WHERE id = $1`, [quote.id]);
      expect(await t.call('quotes/quote-jobs.js', 'QuoteJobs', 'remindWaiting')).toBe(1);
      expect((await row('quotes', quote.id)).reminder_sent_at).not.toBeNull();
      expect(await t.call('quotes/quote-jobs.js', 'QuoteJobs', 'remindWaiting')).toBe(0);
    });
  });

  describe('payment reconciliation', () => {
    it('repairs a payment whose success webhook was dropped, through the same transition as the webhook', async () => {
      const { repair, quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const [{ provider_ref: intentId }] = await t.sql(`SELECT provider_ref FROM payments WHERE id = $1`, [payment.id]);
      // The customer paid at Stripe; the webhook never reached us.
      const intent = fake.intents.get(intentId)!;
      Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
      await t.sql(`UPDATE payments SET updated_at = now() - interval '16 minutes' WHERE id = $1`, [payment.id]);

      await enqueue('payments.reconcile');
      await eventually('the payment', () => row('payments', payment.id), (p) => p.status === 'succeeded');
      expect((await row('quotes', quote.id)).status).toBe('accepted');
      expect((await row('repair_requests', repair.id)).status).toBe('approved');
      expect(fake.callsTo('GET', `/v1/payment_intents/${intentId}`).length).toBeGreaterThan(0);
    });

    it('leaves payments younger than 15 minutes and ones still waiting for the customer alone', async () => {
      const young = await acceptQuote(t, customer, (await quoteToPay(t, customer, technician)).quote.id);
      const waiting = await acceptQuote(t, customer, (await quoteToPay(t, customer, technician)).quote.id);
      const [{ provider_ref: youngIntent }] = await t.sql(`SELECT provider_ref FROM payments WHERE id = $1`, [young.id]);
      Object.assign(fake.intents.get(youngIntent)!, { status: 'succeeded', amount_received: young.amount });
      await t.sql(`UPDATE payments SET updated_at = now() - interval '20 minutes' WHERE id = $1`, [waiting.id]);

      const result = await t.call('payments/payment-reconciliation.js', 'PaymentReconciliation', 'reconcileStuck');
      expect(result).toEqual({ checked: 1, repaired: 0, failed: 0 });
      expect((await row('payments', young.id)).status).toBe('requires_payment');
      expect((await row('payments', waiting.id)).status).toBe('requires_payment');
    });

    it('never asks Stripe about a test-mode payment left from before the key was set', async () => {
      const left = await acceptQuote(t, customer, (await quoteToPay(t, customer, technician)).quote.id);
      const [{ provider_ref: intentId }] = await t.sql(`SELECT provider_ref FROM payments WHERE id = $1`, [left.id]);
      await t.sql(`UPDATE payments SET test_mode = true, updated_at = now() - interval '30 minutes' WHERE id = $1`, [left.id]);
      const before = fake.callsTo('GET', `/v1/payment_intents/${intentId}`).length;

      const result = await t.call('payments/payment-reconciliation.js', 'PaymentReconciliation', 'reconcileStuck');
      expect(result.failed).toBe(0);
      expect(fake.callsTo('GET', `/v1/payment_intents/${intentId}`)).toHaveLength(before);
      expect((await row('payments', left.id)).status).toBe('requires_payment');
    });

    it('retries with backoff when Stripe is unreachable, then lists the job for admins as a dead letter', async () => {
      await fake.close();
      await enqueue('payments.reconcile');
      const failed = await eventually(
        'the dead-letter list',
        async () => (await t.api.get('/admin/jobs/failed', { token: admin.token })).body as { name: string; attempts: number; error: string }[],
        (jobs) => jobs.some((j) => j.name === 'payments.reconcile'),
      );
      const job = failed.find((j) => j.name === 'payments.reconcile')!;
      expect(job.attempts).toBe(3);
      expect(job.error).toMatch(/could not be checked with Stripe/);
      expectProblem(await t.api.get('/admin/jobs/failed', { token: customer.token }), 403);
    });
  });
});
