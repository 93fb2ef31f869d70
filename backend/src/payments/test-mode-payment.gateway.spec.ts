import Stripe from 'stripe';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProviderPayment, SignedEvent } from './payment-gateway.js';
import { TestModePaymentGateway } from './test-mode-payment.gateway.js';

const secret = 'whsec_unit_test_secret';
const gateway = new TestModePaymentGateway({ webhookSecret: secret });

const payment: ProviderPayment = {
  id: '0f6b7c1e-2d3a-5b4c-8d9e-0a1b2c3d4e5f',
  quoteId: '11111111-1111-4111-8111-111111111111',
  repairRequestId: '22222222-2222-4222-8222-222222222222',
  attempt: 2,
  amount: 17_499,
  currency: 'usd',
  providerRef: 'pi_test_0f6b7c1e2d3a5b4c8d9e0a1b2c3d4e5f',
};

/** Verified by the real Stripe library, as Stripe's own events would be. */
function stripeVerified(event: SignedEvent) {
  return Stripe.webhooks.constructEvent(event.payload, event.signature, secret);
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('TestModePaymentGateway', () => {
  it('is labelled test mode and offers no publishable key', () => {
    expect(gateway.testMode).toBe(true);
    expect(gateway.publishableKey).toBeNull();
  });

  it('creates Stripe-shaped test intents whose client secret is stable and keyed by the server secret', async () => {
    const request = { paymentId: payment.id, quoteId: payment.quoteId, repairRequestId: payment.repairRequestId, attempt: 1, amount: 5000, currency: 'eur' as const, idempotencyKey: 'k' };
    const created = await gateway.createIntent(request);
    expect(created.providerRef).toBe('pi_test_0f6b7c1e2d3a5b4c8d9e0a1b2c3d4e5f');
    expect(created.clientSecret).toMatch(/^pi_test_0f6b7c1e2d3a5b4c8d9e0a1b2c3d4e5f_secret_[\w-]{24}$/);
    expect(await gateway.createIntent(request)).toEqual(created);
    expect(await gateway.clientSecret(created.providerRef)).toBe(created.clientSecret);
    const other = new TestModePaymentGateway({ webhookSecret: 'whsec_another' });
    expect(await other.clientSecret(created.providerRef)).not.toBe(created.clientSecret);
  });

  it('refuses an amount Stripe could not charge, as live mode would', async () => {
    const request = { paymentId: payment.id, quoteId: payment.quoteId, repairRequestId: payment.repairRequestId, attempt: 1, amount: 1050, currency: 'mga' as const, idempotencyKey: 'k' };
    await expect(gateway.createIntent(request)).rejects.toMatchObject({ code: 'PAYMENT.AMOUNT_NOT_CHARGEABLE' });
  });

  it('signs a paid intent so that Stripe’s own verification accepts it, and reads it back as a success', () => {
    const signed = gateway.simulator().outcome(payment, 'succeeded');
    const event = stripeVerified(signed);
    expect(event.type).toBe('payment_intent.succeeded');
    expect(event.livemode).toBe(false);
    expect(event.data.object).toMatchObject({
      id: payment.providerRef,
      amount: 17_499,
      amount_received: 17_499,
      currency: 'usd',
      status: 'succeeded',
      metadata: { payment_id: payment.id, quote_id: payment.quoteId, repair_request_id: payment.repairRequestId, attempt: '2' },
    });
    expect(gateway.verifyEvent(signed.payload, signed.signature)).toMatchObject({
      id: event.id,
      type: 'payment_intent.succeeded',
      objectId: payment.providerRef,
      livemode: false,
      change: { kind: 'intent', status: 'succeeded', intent: { id: payment.providerRef } },
    });
  });

  it('signs a declined intent with the card error Stripe attaches', () => {
    const signed = gateway.simulator().outcome(payment, 'failed');
    expect(stripeVerified(signed)).toMatchObject({
      type: 'payment_intent.payment_failed',
      data: { object: { status: 'requires_payment_method', amount_received: 0, last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' } } },
    });
    expect(gateway.verifyEvent(signed.payload, signed.signature).change).toMatchObject({ kind: 'intent', status: 'failed' });
  });

  it('settles a refund at once and returns the charge.refunded event Stripe would send, in Stripe’s amount units', async () => {
    const isk = { ...payment, amount: 5000, currency: 'isk' as const };
    const refund = await gateway.refund({ refundId: '33333333-3333-4333-8333-333333333333', payment: isk, amount: 2000, refundedTotal: 2000, reason: 'Screen', idempotencyKey: 'k' });
    expect(refund.providerRef).toBe('re_test_33333333333343338333333333333333');
    const event = stripeVerified(refund.confirmation!);
    expect(event.type).toBe('charge.refunded');
    expect(event.data.object).toMatchObject({ payment_intent: payment.providerRef, amount: 500_000, amount_refunded: 200_000, currency: 'isk', refunded: false });
    expect(gateway.verifyEvent(refund.confirmation!.payload, refund.confirmation!.signature).change).toMatchObject({ kind: 'refund' });

    const full = await gateway.refund({ refundId: '44444444-4444-4444-8444-444444444444', payment: isk, amount: 3000, refundedTotal: 5000, reason: 'Rest', idempotencyKey: 'k2' });
    expect(stripeVerified(full.confirmation!).data.object).toMatchObject({ amount_refunded: 500_000, refunded: true });
  });

  it('refuses unsigned, tampered and foreign-signed events', () => {
    const signed = gateway.simulator().outcome(payment, 'succeeded');
    expect(codeOf(() => gateway.verifyEvent(undefined, signed.signature))).toBe('WEBHOOK.SIGNATURE_MISSING');
    expect(codeOf(() => gateway.verifyEvent(signed.payload, undefined))).toBe('WEBHOOK.SIGNATURE_MISSING');
    expect(codeOf(() => gateway.verifyEvent(signed.payload, [signed.signature]))).toBe('WEBHOOK.SIGNATURE_MISSING');
    const tampered = Buffer.from(signed.payload.toString('utf8').replace('"amount":17499', '"amount":1'), 'utf8');
    expect(codeOf(() => gateway.verifyEvent(tampered, signed.signature))).toBe('WEBHOOK.SIGNATURE_INVALID');
    const foreign = new TestModePaymentGateway({ webhookSecret: 'whsec_another' }).simulator().outcome(payment, 'succeeded');
    expect(codeOf(() => gateway.verifyEvent(foreign.payload, foreign.signature))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('has nothing to reconcile and nothing to cancel', async () => {
    expect(await gateway.fetchIntent()).toBeNull();
    await expect(gateway.closeAttempt()).resolves.toBeUndefined();
  });
});
