import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { acceptQuote, postWebhook, quoteToPay, sendEvent, signature, stripeEvent } from './factories/payments.factory.js';
import { expectProblem } from './support/api-client.js';
import { startFakeStripe, type FakeStripe } from './support/fake-stripe.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Payments against the real `stripe` client, pointed at a local fake Stripe API. */
describe('payments (Stripe)', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let customer: TestUser;
  let other: TestUser;
  let technician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    fake = await startFakeStripe();
    // Prices some quotes in yen and euros, next to the default dollars.
    t = await startTestApp({ SHOP_CURRENCIES: 'usd,eur,jpy', STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_PUBLISHABLE_KEY: 'pk_test_fake_key', STRIPE_API_URL: fake.url });
    [customer, other, technician, admin] = await Promise.all([
      registerCustomer(t, 'Payer'),
      registerCustomer(t, 'Someone Else'),
      createStaff(t, 'technician'),
      createStaff(t, 'admin'),
    ]);
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const intentOf = async (paymentId: string) => {
    const [row] = await t.sql<{ provider_ref: string }>(`SELECT provider_ref FROM payments WHERE id = $1`, [paymentId]);
    const intent = fake.intents.get(row.provider_ref);
    if (!intent) throw new Error('intent not at the fake');
    return intent;
  };
  const quoteStatus = async (quoteId: string) => (await t.sql(`SELECT status FROM quotes WHERE id = $1`, [quoteId]))[0].status;
  const repairStatus = async (repairId: string) => (await t.sql(`SELECT status FROM repair_requests WHERE id = $1`, [repairId]))[0].status;
  const paymentRow = async (paymentId: string) => (await t.sql(`SELECT * FROM payments WHERE id = $1`, [paymentId]))[0];
  const succeededEvent = (intent: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    stripeEvent('payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: intent.amount, ...overrides });

  it('reports the live configuration', async () => {
    const res = await t.api.get('/payments/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ testMode: false, publishableKey: 'pk_test_fake_key' });
  });

  describe('accept', () => {
    it('creates one PaymentIntent for the quote total with our idempotency key and metadata', async () => {
      const { repair, quote } = await quoteToPay(t, customer, technician);
      const res = await t.api.post(`/quotes/${quote.id}/accept`, {}, { token: customer.token });
      expect(res.status).toBe(201);
      const payment = res.body.payment;
      expect(payment).toEqual({ id: expect.any(String), status: 'requires_payment', amount: 17_499, currency: 'usd', clientSecret: expect.stringMatching(/^pi_\w+_secret_\w+$/) });

      const creates = fake.callsTo('POST', '/v1/payment_intents').filter((c) => c.params['metadata[quote_id]'] === quote.id);
      expect(creates).toHaveLength(1);
      expect(creates[0].params).toMatchObject({
        amount: '17499',
        currency: 'usd',
        'automatic_payment_methods[enabled]': 'true',
        'metadata[payment_id]': payment.id,
        'metadata[repair_request_id]': repair.id,
      });
      expect(creates[0].idempotencyKey).toContain(quote.id);
      expect(creates[0].idempotencyKey).toMatch(/attempt-1$/);
      const intent = await intentOf(payment.id);
      expect(payment.clientSecret).toBe(intent.client_secret);
      expect(await quoteStatus(quote.id)).toBe('payment_pending');
      const row = await paymentRow(payment.id);
      expect(row).toMatchObject({ attempt: 1, idempotency_key: creates[0].idempotencyKey, test_mode: false });
      expect(JSON.stringify(row)).not.toContain(intent.client_secret as string);
    });

    it('accepting again returns the same payment and creates nothing', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      const first = await acceptQuote(t, customer, quote.id);
      const second = await acceptQuote(t, customer, quote.id);
      expect(second).toEqual(first);
      expect(fake.intentsForQuote(quote.id)).toHaveLength(1);
    });

    it('20 concurrent accepts create exactly one intent and all get the same payment', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      const responses = await Promise.all(Array.from({ length: 20 }, () => t.api.post(`/quotes/${quote.id}/accept`, {}, { token: customer.token })));
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => r.body.payment.id)).size).toBe(1);
      expect(new Set(responses.map((r) => r.body.payment.clientSecret)).size).toBe(1);
      expect(fake.callsTo('POST', '/v1/payment_intents').filter((c) => c.params['metadata[quote_id]'] === quote.id)).toHaveLength(1);
      expect(await t.sql(`SELECT id FROM payments WHERE quote_id = $1`, [quote.id])).toHaveLength(1);
    });

    it('charges zero-decimal currencies as they are (5000 jpy stays 5000)', async () => {
      const { quote } = await quoteToPay(t, customer, technician, { partsCost: 3_000, laborCost: 2_000, currency: 'jpy' });
      const payment = await acceptQuote(t, customer, quote.id);
      expect(payment).toMatchObject({ amount: 5_000, currency: 'jpy' });
      expect((await intentOf(payment.id)).amount).toBe(5_000);
    });

    it('survives a Stripe 500: the client retries with the same key and one intent exists', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      fake.failNextCreates = 1;
      const payment = await acceptQuote(t, customer, quote.id);
      const creates = fake.callsTo('POST', '/v1/payment_intents').filter((c) => c.params['metadata[quote_id]'] === quote.id);
      expect(creates).toHaveLength(2);
      expect(new Set(creates.map((c) => c.idempotencyKey)).size).toBe(1);
      expect(fake.intentsForQuote(quote.id)).toHaveLength(1);
      expect(payment.status).toBe('requires_payment');
    });

    it('refuses expired, withdrawn and rejected quotes, and hides other customers’ quotes', async () => {
      const expired = await quoteToPay(t, customer, technician);
      await t.sql(`UPDATE quotes SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.quote.id]);
      expectProblem(await t.api.post(`/quotes/${expired.quote.id}/accept`, {}, { token: customer.token }), 409, 'QUOTE.EXPIRED');

      const replaced = await quoteToPay(t, customer, technician);
      const issued = await t.api.post('/quotes', { repairRequestId: replaced.repair.id, partsCost: 100, laborCost: 100, currency: 'usd' }, { token: technician.token });
      expect(issued.status).toBe(201);
      expectProblem(await t.api.post(`/quotes/${replaced.quote.id}/accept`, {}, { token: customer.token }), 409, 'QUOTE.WITHDRAWN');

      const rejected = await quoteToPay(t, customer, technician);
      expect((await t.api.post(`/quotes/${rejected.quote.id}/reject`, {}, { token: customer.token })).status).toBe(200);
      expectProblem(await t.api.post(`/quotes/${rejected.quote.id}/accept`, {}, { token: customer.token }), 409, 'QUOTE.REJECTED');

      const mine = await quoteToPay(t, customer, technician);
      expectProblem(await t.api.post(`/quotes/${mine.quote.id}/accept`, {}, { token: other.token }), 404, 'QUOTE.NOT_FOUND');
      expectProblem(await t.api.post(`/quotes/${mine.quote.id}/accept`, {}, { token: technician.token }), 403);
      expect(fake.intentsForQuote(expired.quote.id).concat(fake.intentsForQuote(replaced.quote.id), fake.intentsForQuote(mine.quote.id))).toHaveLength(0);
    });
  });

  describe('webhook', () => {
    it('a signed payment_intent.succeeded pays the quote and approves the repair, with history', async () => {
      const { repair, quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const res = await sendEvent(t, succeededEvent(await intentOf(payment.id)));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: true, duplicate: false });
      expect((await paymentRow(payment.id)).status).toBe('succeeded');
      expect(await quoteStatus(quote.id)).toBe('accepted');
      expect(await repairStatus(repair.id)).toBe('approved');
      const history = await t.sql(`SELECT from_status, to_status, actor_role, actor_id FROM repair_status_history WHERE repair_request_id = $1 ORDER BY seq`, [repair.id]);
      expect(history.at(-1)).toEqual({ from_status: 'quoted', to_status: 'approved', actor_role: 'system', actor_id: null });
      const detail = await t.api.get(`/repairs/${repair.id}`, { token: customer.token });
      expect(detail.body.status).toBe('approved');
      expectProblem(await t.api.post(`/quotes/${quote.id}/accept`, {}, { token: customer.token }), 409, 'QUOTE.ALREADY_ACCEPTED');
    });

    it('refuses missing, wrong, tampered, re-serialised and stale signatures with 400 and changes nothing', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const payload = succeededEvent(await intentOf(payment.id));
      const header = signature(payload);

      expectProblem(await postWebhook(t, payload, undefined), 400, 'WEBHOOK.SIGNATURE_MISSING');
      expectProblem(await postWebhook(t, payload, signature(payload, { secret: 'whsec_someone_else' })), 400, 'WEBHOOK.SIGNATURE_INVALID');
      expectProblem(await postWebhook(t, payload, 't=1,v1=deadbeef'), 400, 'WEBHOOK.SIGNATURE_INVALID');
      // One byte changed (still valid JSON): the amount 17499 becomes 17498.
      const tampered = payload.replace('"amount":17499', '"amount":17498');
      expect(tampered).not.toBe(payload);
      expectProblem(await postWebhook(t, tampered, header), 400, 'WEBHOOK.SIGNATURE_INVALID');
      // The same event, re-serialised (what a JSON body parser + stringify would produce): not the signed bytes.
      expectProblem(await postWebhook(t, JSON.stringify(JSON.parse(payload), null, 1), header), 400, 'WEBHOOK.SIGNATURE_INVALID');
      // Correctly signed, but ten minutes ago: a replay.
      const stale = signature(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 });
      expectProblem(await postWebhook(t, payload, stale), 400, 'WEBHOOK.SIGNATURE_INVALID');

      expect((await paymentRow(payment.id)).status).toBe('requires_payment');
      expect(await t.sql(`SELECT 1 FROM webhook_events WHERE payment_id = $1`, [payment.id])).toHaveLength(0);
      // Webhooks carry no Origin or cookies; a cross-site fetch header does not block them either.
      const ok = await t.api.post('/payments/webhook', undefined, {
        raw: payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': header, 'sec-fetch-site': 'cross-site' },
      });
      expect(ok.status).toBe(200);
      expect((await paymentRow(payment.id)).status).toBe('succeeded');
    });

    it('the same event five times, concurrently, changes state once', async () => {
      const { repair, quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const payload = succeededEvent(await intentOf(payment.id));
      const responses = await Promise.all(Array.from({ length: 5 }, () => postWebhook(t, payload, signature(payload))));
      expect(responses.map((r) => r.status)).toEqual(Array(5).fill(200));
      expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
      expect(await t.sql(`SELECT 1 FROM webhook_events WHERE provider_event_id = $1`, [JSON.parse(payload).id])).toHaveLength(1);
      const approvals = await t.sql(`SELECT 1 FROM repair_status_history WHERE repair_request_id = $1 AND to_status = 'approved'`, [repair.id]);
      expect(approvals).toHaveLength(1);

      const again = await sendEvent(t, payload);
      expect(again.status).toBe(200);
      expect(again.body.duplicate).toBe(true);
    });

    it('never moves a payment backwards: a late payment_failed after succeeded is recorded and ignored', async () => {
      const { quote, repair } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const intent = await intentOf(payment.id);
      const processing = stripeEvent('payment_intent.processing', { ...intent, status: 'processing' });
      const succeeded = succeededEvent(intent);
      const failed = stripeEvent('payment_intent.payment_failed', { ...intent, status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });

      expect((await sendEvent(t, succeeded)).status).toBe(200);
      expect((await sendEvent(t, failed)).status).toBe(200);
      expect((await sendEvent(t, processing)).status).toBe(200);
      expect((await paymentRow(payment.id)).status).toBe('succeeded');
      expect(await quoteStatus(quote.id)).toBe('accepted');
      expect(await repairStatus(repair.id)).toBe('approved');
      const outcomes = await t.sql(`SELECT type, outcome FROM webhook_events WHERE payment_id = $1 ORDER BY received_at`, [payment.id]);
      expect(outcomes).toEqual([
        { type: 'payment_intent.succeeded', outcome: 'applied' },
        { type: 'payment_intent.payment_failed', outcome: 'ignored' },
        { type: 'payment_intent.processing', outcome: 'ignored' },
      ]);
    });

    it('processing then succeeded moves forward through both', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const intent = await intentOf(payment.id);
      await sendEvent(t, stripeEvent('payment_intent.processing', { ...intent, status: 'processing' }));
      expect((await paymentRow(payment.id)).status).toBe('processing');
      await sendEvent(t, succeededEvent(intent));
      expect((await paymentRow(payment.id)).status).toBe('succeeded');
    });

    it('does not mark paid a signed event whose amount, currency, intent or metadata differ from ours', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const intent = await intentOf(payment.id);
      for (const change of [
        { amount: 1, amount_received: 1 },
        { currency: 'eur' },
        { metadata: { ...(intent.metadata as object), payment_id: '00000000-0000-4000-8000-000000000000' } },
      ]) {
        const res = await sendEvent(t, succeededEvent(intent, change));
        expect(res.status).toBe(200);
        expect(res.body.outcome).toBe('mismatch');
      }
      const unknownIntent = await sendEvent(t, succeededEvent({ ...intent, id: 'pi_not_ours' }));
      expect(unknownIntent.body.outcome).toBe('unknown_payment');
      expect((await paymentRow(payment.id)).status).toBe('requires_payment');
      expect(await quoteStatus(quote.id)).toBe('payment_pending');
    });

    it('a failed payment reopens the quote; accepting again is attempt 2 with a new key and a new intent', async () => {
      const { quote, repair } = await quoteToPay(t, customer, technician);
      const first = await acceptQuote(t, customer, quote.id);
      const intent = await intentOf(first.id);
      const res = await sendEvent(
        t,
        stripeEvent('payment_intent.payment_failed', {
          ...intent,
          status: 'requires_payment_method',
          last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
        }),
      );
      expect(res.status).toBe(200);
      expect(await paymentRow(first.id)).toMatchObject({ status: 'failed', failure_code: 'insufficient_funds' });
      expect(await quoteStatus(quote.id)).toBe('pending');
      expect(await repairStatus(repair.id)).toBe('quoted');

      const second = await acceptQuote(t, customer, quote.id);
      expect(second.id).not.toBe(first.id);
      expect((await paymentRow(second.id)).attempt).toBe(2);
      const creates = fake.callsTo('POST', '/v1/payment_intents').filter((c) => c.params['metadata[quote_id]'] === quote.id);
      expect(creates).toHaveLength(2);
      expect(creates[1].idempotencyKey).not.toBe(creates[0].idempotencyKey);
      expect(creates[1].idempotencyKey).toMatch(/attempt-2$/);
      // The declined intent is canceled at Stripe first, so an old checkout page cannot pay it later.
      const cancels = fake.callsTo('POST', `/v1/payment_intents/${intent.id}/cancel`);
      expect(cancels).toHaveLength(1);
      expect(cancels[0].idempotencyKey).toBe(`repairhub-cancel-${first.id}`);
      expect(fake.intents.get(intent.id as string)?.status).toBe('canceled');

      await sendEvent(t, succeededEvent(await intentOf(second.id)));
      expect(await quoteStatus(quote.id)).toBe('accepted');
      expect(await repairStatus(repair.id)).toBe('approved');
      // The old attempt's success arriving now would take money twice: it is not applied.
      const late = await sendEvent(t, succeededEvent(intent));
      expect(late.body.outcome).toBe('ignored');
      expect((await paymentRow(first.id)).status).toBe('failed');
    });

    it('does not open a new attempt when the declined one was paid at Stripe after all', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      const first = await acceptQuote(t, customer, quote.id);
      const intent = await intentOf(first.id);
      await sendEvent(t, stripeEvent('payment_intent.payment_failed', { ...intent, status: 'requires_payment_method' }));
      expect(await quoteStatus(quote.id)).toBe('pending');
      intent.status = 'succeeded';
      expectProblem(await t.api.post(`/quotes/${quote.id}/accept`, {}, { token: customer.token }), 409, 'PAYMENT.PREVIOUS_ATTEMPT_PAID');
      expect(fake.intentsForQuote(quote.id)).toHaveLength(1);
      expect(await quoteStatus(quote.id)).toBe('pending');
    });

    it('a canceled intent cancels the payment and reopens the quote', async () => {
      const { quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      await sendEvent(t, stripeEvent('payment_intent.canceled', { ...(await intentOf(payment.id)), status: 'canceled', cancellation_reason: 'abandoned' }));
      expect(await paymentRow(payment.id)).toMatchObject({ status: 'canceled', failure_code: 'abandoned' });
      expect(await quoteStatus(quote.id)).toBe('pending');
    });

    it('acknowledges unknown event types and ignores them', async () => {
      const res = await sendEvent(t, stripeEvent('customer.created', { id: 'cus_123', object: 'customer' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ duplicate: false, outcome: 'unhandled' });
    });
  });

  describe('refunds', () => {
    async function paid(): Promise<{ paymentId: string; intent: Record<string, unknown> }> {
      const { quote } = await quoteToPay(t, customer, technician);
      const payment = await acceptQuote(t, customer, quote.id);
      const intent = await intentOf(payment.id);
      await sendEvent(t, succeededEvent(intent));
      return { paymentId: payment.id, intent };
    }
    const chargeRefunded = (intent: Record<string, unknown>, amountRefunded: number) =>
      stripeEvent('charge.refunded', {
        id: `ch_${(intent.id as string).slice(3)}`,
        object: 'charge',
        amount: intent.amount,
        amount_refunded: amountRefunded,
        currency: intent.currency,
        payment_intent: intent.id,
        refunded: amountRefunded === intent.amount,
      });

    it('partial then full refund: Stripe refunds with idempotency keys, confirmed by charge.refunded', async () => {
      const { paymentId, intent } = await paid();
      const partial = await t.api.post(`/payments/${paymentId}/refund`, { amount: 5_000, reason: 'Screen protector not fitted' }, { token: admin.token });
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({ status: 'succeeded', amountRefunded: 0, refunds: [{ amount: 5_000, status: 'pending', reason: 'Screen protector not fitted', createdBy: admin.id }] });
      const refundCalls = fake.callsTo('POST', '/v1/refunds').filter((c) => c.params.payment_intent === intent.id);
      expect(refundCalls).toHaveLength(1);
      expect(refundCalls[0].params).toMatchObject({ amount: '5000', 'metadata[payment_id]': paymentId, 'metadata[reason]': 'Screen protector not fitted' });
      expect(refundCalls[0].idempotencyKey).toBe(`repairhub-refund-${paymentId}-1`);

      expect((await sendEvent(t, chargeRefunded(intent, 5_000))).status).toBe(200);
      const afterPartial = await t.api.get(`/payments/${paymentId}`, { token: admin.token });
      expect(afterPartial.body).toMatchObject({ status: 'succeeded', amountRefunded: 5_000, refunds: [{ status: 'succeeded' }] });

      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 12_500, reason: 'Too much' }, { token: admin.token }), 409, 'PAYMENT.REFUND_EXCEEDS');

      const rest = await t.api.post(`/payments/${paymentId}/refund`, { reason: 'Repair cancelled' }, { token: admin.token });
      expect(rest.status).toBe(200);
      expect(rest.body.refunds[1]).toMatchObject({ amount: 12_499, status: 'pending' });
      expect(fake.callsTo('POST', '/v1/refunds').filter((c) => c.params.payment_intent === intent.id)[1].idempotencyKey).toBe(`repairhub-refund-${paymentId}-2`);
      await sendEvent(t, chargeRefunded(intent, 17_499));
      const final = await t.api.get(`/payments/${paymentId}`, { token: customer.token });
      expect(final.body).toMatchObject({ status: 'refunded', amountRefunded: 17_499, refunds: [{ status: 'succeeded' }, { status: 'succeeded' }] });

      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 1, reason: 'Again' }, { token: admin.token }), 409, 'PAYMENT.NOT_REFUNDABLE');
      // A stale charge.refunded (the partial one, delivered late) does not lower the total.
      await sendEvent(t, chargeRefunded(intent, 5_000));
      expect((await paymentRow(paymentId)).amount_refunded).toBe(17_499);
    });

    it('a pending refund counts against what remains', async () => {
      const { paymentId } = await paid();
      expect((await t.api.post(`/payments/${paymentId}/refund`, { amount: 10_000, reason: 'First' }, { token: admin.token })).status).toBe(200);
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 7_500, reason: 'Second' }, { token: admin.token }), 409, 'PAYMENT.REFUND_EXCEEDS');
      expect((await t.api.post(`/payments/${paymentId}/refund`, { amount: 7_499, reason: 'Second' }, { token: admin.token })).status).toBe(200);
    });

    it('validates the request and who may refund', async () => {
      const { paymentId } = await paid();
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 100 }, { token: admin.token }), 400);
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 100, reason: '   ' }, { token: admin.token }), 400);
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 100, reason: 'x'.repeat(501) }, { token: admin.token }), 400);
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 0, reason: 'zero' }, { token: admin.token }), 400);
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 10.5, reason: 'fraction' }, { token: admin.token }), 400);
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 100, reason: 'mine' }, { token: customer.token }), 403);
      expectProblem(await t.api.post(`/payments/${paymentId}/refund`, { amount: 100, reason: 'tech' }, { token: technician.token }), 403);
      expectProblem(await t.api.post(`/payments/00000000-0000-4000-8000-000000000000/refund`, { reason: 'none' }, { token: admin.token }), 404);

      const { quote } = await quoteToPay(t, customer, technician);
      const open = await acceptQuote(t, customer, quote.id);
      expectProblem(await t.api.post(`/payments/${open.id}/refund`, { reason: 'not paid' }, { token: admin.token }), 409, 'PAYMENT.NOT_REFUNDABLE');
      expect(fake.callsTo('POST', '/v1/refunds').filter((c) => c.params['metadata[payment_id]'] === paymentId)).toHaveLength(0);
    });
  });

  describe('reads', () => {
    it('customers see only their own payments; admins see all and filter', async () => {
      const mineQuote = await quoteToPay(t, other, technician);
      const mine = await acceptQuote(t, other, mineQuote.quote.id);

      const own = await t.api.get('/payments?limit=100', { token: other.token });
      expect(own.status).toBe(200);
      expect(own.body.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
      const sneaky = await t.api.get(`/payments?customerId=${customer.id}`, { token: other.token });
      expect(sneaky.body.items).toEqual([]);

      expectProblem(await t.api.get(`/payments/${mine.id}`, { token: customer.token }), 404, 'PAYMENT.NOT_FOUND');
      expect((await t.api.get(`/payments/${mine.id}`, { token: other.token })).body).toMatchObject({ id: mine.id, customerId: other.id, amount: 17_499, testMode: false, refunds: [] });
      expect((await t.api.get(`/payments/${mine.id}`, { token: admin.token })).status).toBe(200);
      expectProblem(await t.api.get('/payments', { token: technician.token }), 403);
      expectProblem(await t.api.get(`/payments/${mine.id}`, { token: technician.token }), 403);

      const filtered = await t.api.get(`/payments?customerId=${other.id}&status=requires_payment`, { token: admin.token });
      expect(filtered.body.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
      const succeeded = await t.api.get('/payments?status=succeeded&limit=100', { token: admin.token });
      expect(succeeded.body.items.length).toBeGreaterThan(0);
      expect(succeeded.body.items.every((p: { status: string }) => p.status === 'succeeded')).toBe(true);
      expectProblem(await t.api.get('/payments?status=paid', { token: admin.token }), 400);
    });

    it('pages newest first with a cursor, without repeats', async () => {
      const all = await t.api.get('/payments?limit=100', { token: admin.token });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.api.get(`/payments?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: admin.token });
        seen.push(...page.body.items.map((p) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((p: { id: string }) => p.id));
      expect(new Set(seen).size).toBe(seen.length);
      expectProblem(await t.api.get('/payments?cursor=bogus', { token: admin.token }), 400);
    });
  });

  it('refuses test-confirm when a real Stripe key is configured', async () => {
    const { quote } = await quoteToPay(t, customer, technician);
    const payment = await acceptQuote(t, customer, quote.id);
    expectProblem(await t.api.post(`/payments/${payment.id}/test-confirm`, {}, { token: customer.token }), 403, 'PAYMENT.TEST_MODE_DISABLED');
    expect((await paymentRow(payment.id)).status).toBe('requires_payment');
  });
});
