import Stripe from 'stripe';
import { startFakeStripe, type FakeStripe } from '../../test/support/fake-stripe.js';
import type { AppConfig } from '../config/configuration.js';
import type { DomainError } from '../common/errors/domain-error.js';
import { createPaymentGateway } from './payment-gateway.provider.js';
import type { IntentRequest, ProviderPayment } from './payment-gateway.js';
import { StripePaymentGateway } from './stripe-payment.gateway.js';
import { TestModePaymentGateway } from './test-mode-payment.gateway.js';

const webhookSecret = 'whsec_unit_stripe_secret';

function request(overrides: Partial<IntentRequest> = {}): IntentRequest {
  return {
    paymentId: '0f6b7c1e-2d3a-5b4c-8d9e-0a1b2c3d4e5f',
    quoteId: '11111111-1111-4111-8111-111111111111',
    repairRequestId: '22222222-2222-4222-8222-222222222222',
    attempt: 1,
    amount: 17_499,
    currency: 'usd',
    idempotencyKey: `key-${Math.random()}`,
    ...overrides,
  };
}

function paymentOf(intentId: string, req: IntentRequest): ProviderPayment {
  return { id: req.paymentId, quoteId: req.quoteId, repairRequestId: req.repairRequestId, attempt: req.attempt, amount: req.amount, currency: req.currency, providerRef: intentId };
}

describe('StripePaymentGateway (the real stripe client against a fake Stripe API)', () => {
  let stripe: FakeStripe;
  let gateway: StripePaymentGateway;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    stripe.createDelayMs = 0;
    gateway = new StripePaymentGateway({ secretKey: 'sk_test_unit', webhookSecret, publishableKey: 'pk_test_unit', apiUrl: stripe.url });
  });

  afterAll(async () => {
    await stripe.close();
  });

  it('is live and offers its publishable key', () => {
    expect(gateway.testMode).toBe(false);
    expect(gateway.publishableKey).toBe('pk_test_unit');
  });

  it('creates an intent in Stripe’s amount units with our metadata and idempotency key; a retry gets the same intent', async () => {
    const req = request({ amount: 5000, currency: 'isk', attempt: 3 });
    const created = await gateway.createIntent(req);
    expect(created.providerRef).toMatch(/^pi_/);
    expect(created.clientSecret).toMatch(new RegExp(`^${created.providerRef}_secret_`));
    const [call] = stripe.callsTo('POST', '/v1/payment_intents').filter((c) => c.idempotencyKey === req.idempotencyKey);
    expect(call.authorization).toBe('Bearer sk_test_unit');
    expect(call.params).toMatchObject({
      amount: '500000',
      currency: 'isk',
      'automatic_payment_methods[enabled]': 'true',
      'metadata[payment_id]': req.paymentId,
      'metadata[quote_id]': req.quoteId,
      'metadata[repair_request_id]': req.repairRequestId,
      'metadata[attempt]': '3',
    });
    expect(await gateway.createIntent(req)).toEqual(created);
    expect(stripe.intentsForQuote(req.quoteId).filter((i) => i.id === created.providerRef)).toHaveLength(1);
    expect(await gateway.clientSecret(created.providerRef)).toBe(created.clientSecret);
  });

  it('maps Stripe’s refusals to 409 and an unreachable Stripe to 503', async () => {
    const req = request();
    await gateway.createIntent(req);
    await expect(gateway.createIntent({ ...req, amount: 18_000 })).rejects.toMatchObject({ kind: 'conflict', code: 'PAYMENT.PROVIDER_REJECTED' });
    stripe.failNextCreates = 3;
    await expect(gateway.createIntent(request())).rejects.toMatchObject({ kind: 'unavailable', code: 'PAYMENT.PROVIDER_UNAVAILABLE' });
    stripe.failNextCreates = 0;
    await expect(gateway.clientSecret('pi_missing')).rejects.toMatchObject({ code: 'PAYMENT.PROVIDER_REJECTED' });
  });

  it('closes a superseded attempt: cancels an open intent, leaves a canceled one, refuses a paid one', async () => {
    const req = request();
    const { providerRef } = await gateway.createIntent(req);
    await gateway.closeAttempt(paymentOf(providerRef, req), `cancel-${req.paymentId}`);
    expect(stripe.intents.get(providerRef)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const cancels = () => stripe.callsTo('POST', `/v1/payment_intents/${providerRef}/cancel`);
    expect(cancels()).toEqual([expect.objectContaining({ idempotencyKey: `cancel-${req.paymentId}` })]);
    await gateway.closeAttempt(paymentOf(providerRef, req), `cancel-${req.paymentId}`);
    expect(cancels()).toHaveLength(1);

    const paidReq = request();
    const paid = await gateway.createIntent(paidReq);
    stripe.intents.get(paid.providerRef)!.status = 'succeeded';
    await expect(gateway.closeAttempt(paymentOf(paid.providerRef, paidReq), 'cancel-paid')).rejects.toMatchObject({ code: 'PAYMENT.PREVIOUS_ATTEMPT_PAID' });
  });

  it('reads a fetched intent the way its webhook would have: waiting means nothing, a decline means failed', async () => {
    const { providerRef } = await gateway.createIntent(request());
    expect(await gateway.fetchIntent(providerRef)).toBeNull();
    stripe.intents.get(providerRef)!.last_payment_error = { code: 'card_declined', message: 'Declined' };
    expect(await gateway.fetchIntent(providerRef)).toMatchObject({ kind: 'intent', status: 'failed', intent: { id: providerRef } });
    stripe.intents.get(providerRef)!.status = 'succeeded';
    expect(await gateway.fetchIntent(providerRef)).toMatchObject({ status: 'succeeded' });
  });

  it('refunds in Stripe’s amount units with its idempotency key, and waits for Stripe’s own confirmation', async () => {
    const req = request({ amount: 10_000, currency: 'mga' });
    const { providerRef } = await gateway.createIntent(req);
    const refund = await gateway.refund({ refundId: 'r-1', payment: paymentOf(providerRef, req), amount: 2500, refundedTotal: 2500, reason: 'Screen', idempotencyKey: 'refund-key-1' });
    expect(refund).toEqual({ providerRef: expect.stringMatching(/^re_/), confirmation: null });
    const [call] = stripe.callsTo('POST', '/v1/refunds').filter((c) => c.idempotencyKey === 'refund-key-1');
    expect(call.params).toMatchObject({ payment_intent: providerRef, amount: '25', reason: 'requested_by_customer', 'metadata[refund_id]': 'r-1', 'metadata[reason]': 'Screen' });
    await expect(
      gateway.refund({ refundId: 'r-2', payment: paymentOf(providerRef, req), amount: 9000, refundedTotal: 11_500, reason: 'Too much', idempotencyKey: 'refund-key-2' }),
    ).rejects.toMatchObject({ code: 'PAYMENT.PROVIDER_REJECTED' });
  });

  it('verifies Stripe-signed events and classifies them', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'charge.refunded', livemode: true, data: { object: { id: 'ch_1', payment_intent: 'pi_1' } } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    expect(gateway.verifyEvent(Buffer.from(payload), signature)).toEqual({
      id: 'evt_1',
      type: 'charge.refunded',
      objectId: 'ch_1',
      livemode: true,
      change: { kind: 'refund', charge: { id: 'ch_1', payment_intent: 'pi_1' } },
    });
    const other = JSON.stringify({ id: 'evt_2', object: 'event', type: 'customer.created', livemode: true, data: { object: { id: 'cus_1' } } });
    expect(gateway.verifyEvent(Buffer.from(other), Stripe.webhooks.generateTestHeaderString({ payload: other, secret: webhookSecret })).change).toBeNull();
    const old = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(() => gateway.verifyEvent(Buffer.from(payload), old)).toThrow(expect.objectContaining({ code: 'WEBHOOK.SIGNATURE_INVALID' }) as Error);
  });

  it('refuses test payments', () => {
    expect(() => gateway.simulator()).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'PAYMENT.TEST_MODE_DISABLED' }) as DomainError);
  });
});

describe('createPaymentGateway', () => {
  const stripeConfig = { secretKey: null, webhookSecret, publishableKey: 'pk_test_x', apiUrl: null };
  const config = (env: AppConfig['env'], secretKey: string | null) => ({ env, stripe: { ...stripeConfig, secretKey } }) as AppConfig;

  it('takes Stripe when a secret key is configured, test mode otherwise', () => {
    expect(createPaymentGateway(config('production', 'sk_live_x'))).toBeInstanceOf(StripePaymentGateway);
    expect(createPaymentGateway(config('development', null))).toBeInstanceOf(TestModePaymentGateway);
    expect(createPaymentGateway(config('development', null)).publishableKey).toBeNull();
  });

  it('never runs test mode in production', () => {
    expect(() => createPaymentGateway(config('production', null))).toThrow(/refused when NODE_ENV=production/);
  });
});
