import { confirmedRefunds, intentMismatch, type PaymentFacts } from './payment-rules.js';
import { paymentIdentity, refundIdentity, testClientSecret, uuidV5 } from './payment-keys.js';
import { fromStripeAmount, toStripeAmount } from './stripe-amount.js';

const payment: PaymentFacts = {
  id: '11111111-1111-5111-8111-111111111111',
  quoteId: '22222222-2222-4222-8222-222222222222',
  repairRequestId: '33333333-3333-4333-8333-333333333333',
  amount: 17499,
  currency: 'usd',
  providerRef: 'pi_123',
};
const intent = {
  id: 'pi_123',
  amount: 17499,
  amount_received: 17499,
  currency: 'usd',
  metadata: { payment_id: payment.id, quote_id: payment.quoteId, repair_request_id: payment.repairRequestId },
};

describe('intentMismatch', () => {
  it('accepts the intent we created', () => {
    expect(intentMismatch(payment, intent, true)).toBeNull();
  });

  it.each([
    ['intent id', { id: 'pi_other' }],
    ['currency', { currency: 'eur' }],
    ['amount', { amount: 100 }],
    ['amount received', { amount_received: 100 }],
    ['metadata', { metadata: { ...intent.metadata, payment_id: '44444444-4444-4444-8444-444444444444' } }],
    ['metadata', { metadata: null }],
  ])('names the %s when it differs', (what, change) => {
    expect(intentMismatch(payment, { ...intent, ...change }, true)).toBe(what);
  });

  it('does not require amount_received before the payment succeeded', () => {
    expect(intentMismatch(payment, { ...intent, amount_received: 0 }, false)).toBeNull();
  });
});

describe('Stripe amounts', () => {
  it('passes two-decimal and zero-decimal currencies through unchanged', () => {
    expect(toStripeAmount(12999, 'usd')).toBe(12999);
    expect(toStripeAmount(5000, 'jpy')).toBe(5000);
    expect(toStripeAmount(5000, 'krw')).toBe(5000);
  });

  it('converts the currencies where Stripe and ISO 4217 disagree', () => {
    expect(toStripeAmount(1500, 'isk')).toBe(150000);
    expect(fromStripeAmount(150000, 'isk')).toBe(1500);
    expect(toStripeAmount(250000, 'mga')).toBe(2500);
    expect(fromStripeAmount(2500, 'mga')).toBe(250000);
  });

  it('refuses amounts Stripe cannot charge exactly', () => {
    expect(() => toStripeAmount(250050, 'mga')).toThrow(expect.objectContaining({ code: 'PAYMENT.AMOUNT_NOT_CHARGEABLE' }));
    expect(() => toStripeAmount(12345, 'kwd')).toThrow(expect.objectContaining({ code: 'PAYMENT.AMOUNT_NOT_CHARGEABLE' }));
    expect(toStripeAmount(12340, 'kwd')).toBe(12340);
    expect(() => toStripeAmount(0, 'usd')).toThrow(expect.objectContaining({ code: 'PAYMENT.INVALID_AMOUNT' }));
  });
});

describe('payment keys', () => {
  it('derives a stable, attempt-specific payment id and idempotency key', () => {
    const first = paymentIdentity(payment.quoteId, 1);
    expect(paymentIdentity(payment.quoteId, 1)).toEqual(first);
    const second = paymentIdentity(payment.quoteId, 2);
    expect(second.id).not.toBe(first.id);
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(first.idempotencyKey).toContain(payment.quoteId);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(refundIdentity(first.id, 1).idempotencyKey).not.toBe(refundIdentity(first.id, 2).idempotencyKey);
  });

  it('matches the RFC 4122 version-5 layout for different names', () => {
    expect(uuidV5('a')).not.toBe(uuidV5('b'));
  });

  it('builds a test client secret tied to the intent and the server secret', () => {
    const secret = testClientSecret('pi_test_abc', 'whsec_x');
    expect(secret).toMatch(/^pi_test_abc_secret_[\w-]{24}$/);
    expect(testClientSecret('pi_test_abc', 'whsec_x')).toBe(secret);
    expect(testClientSecret('pi_test_abc', 'whsec_y')).not.toBe(secret);
  });
});

describe('confirmedRefunds', () => {
  const pending = [{ id: 'a', amount: 500 }, { id: 'b', amount: 300 }, { id: 'c', amount: 200 }];

  it('confirms the oldest refunds the cumulative amount covers', () => {
    expect(confirmedRefunds(0, pending, 800).map((r) => r.id)).toEqual(['a', 'b']);
    expect(confirmedRefunds(0, pending, 1000).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(confirmedRefunds(0, pending, 400)).toEqual([]);
    expect(confirmedRefunds(500, pending.slice(1), 800).map((r) => r.id)).toEqual(['b']);
  });
});
