import { DomainError } from '../common/errors/domain-error.js';
import { toQuoteView, type QuoteRow } from './quote.mapper.js';
import { assertAcceptable, assertRejectable, resolveExpiry } from './quote.policy.js';

const now = new Date('2025-06-01T12:00:00.000Z');
const future = '2025-06-10T00:00:00.000Z';
const past = '2025-05-31T00:00:00.000Z';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? `${error.kind}:${error.code}` : 'not-a-domain-error';
  }
}

describe('assertAcceptable', () => {
  it('accepts a pending quote before its expiry, and reports an open payment attempt', () => {
    expect(assertAcceptable({ status: 'pending', expiresAt: future }, now)).toBe('pending');
    expect(assertAcceptable({ status: 'payment_pending', expiresAt: past }, now)).toBe('payment_pending');
  });

  it('refuses with a 409 code per reason', () => {
    expect(codeOf(() => assertAcceptable({ status: 'pending', expiresAt: past }, now))).toBe('conflict:QUOTE.EXPIRED');
    expect(codeOf(() => assertAcceptable({ status: 'pending', expiresAt: now }, now))).toBe('conflict:QUOTE.EXPIRED');
    expect(codeOf(() => assertAcceptable({ status: 'expired', expiresAt: past }, now))).toBe('conflict:QUOTE.EXPIRED');
    expect(codeOf(() => assertAcceptable({ status: 'withdrawn', expiresAt: future }, now))).toBe('conflict:QUOTE.WITHDRAWN');
    expect(codeOf(() => assertAcceptable({ status: 'rejected', expiresAt: future }, now))).toBe('conflict:QUOTE.REJECTED');
    expect(codeOf(() => assertAcceptable({ status: 'accepted', expiresAt: future }, now))).toBe('conflict:QUOTE.ALREADY_ACCEPTED');
  });
});

describe('assertRejectable', () => {
  it('lets only a live pending quote be rejected', () => {
    expect(codeOf(() => assertRejectable({ status: 'pending', expiresAt: future }, now))).toBeUndefined();
    expect(codeOf(() => assertRejectable({ status: 'pending', expiresAt: past }, now))).toBe('conflict:QUOTE.EXPIRED');
    expect(codeOf(() => assertRejectable({ status: 'payment_pending', expiresAt: future }, now))).toBe('conflict:QUOTE.PAYMENT_IN_PROGRESS');
    expect(codeOf(() => assertRejectable({ status: 'rejected', expiresAt: future }, now))).toBe('conflict:QUOTE.REJECTED');
  });
});

describe('resolveExpiry', () => {
  it('defaults to 14 days', () => {
    expect(resolveExpiry(undefined, now).toISOString()).toBe('2025-06-15T12:00:00.000Z');
  });

  it('takes a future time within 90 days', () => {
    expect(resolveExpiry(future, now).toISOString()).toBe(future);
  });

  it('refuses the past, now, and beyond 90 days, on the expiresAt field', () => {
    expect(codeOf(() => resolveExpiry(past, now))).toBe('validation:QUOTE.EXPIRY_IN_PAST');
    expect(codeOf(() => resolveExpiry(now.toISOString(), now))).toBe('validation:QUOTE.EXPIRY_IN_PAST');
    expect(codeOf(() => resolveExpiry('2025-09-01T12:00:00.001Z', now))).toBe('validation:QUOTE.EXPIRY_TOO_FAR');
  });
});

describe('toQuoteView', () => {
  const row: QuoteRow = {
    id: 'q1',
    repair_request_id: 'r1',
    technician_id: 't1',
    parts_cost: 12_999,
    labor_cost: 4_500,
    total: 17_499,
    currency: 'usd',
    notes: null,
    status: 'pending',
    rejection_reason: null,
    expires_at: '2025-06-01T14:00:00+02:00',
    created_at: new Date('2025-05-20T08:00:00Z'),
    updated_at: '2025-05-20T08:00:00.123456+00:00',
  };

  it('reads a pending quote past its expiry as expired and normalises times to UTC ISO', () => {
    const view = toQuoteView(row, now);
    expect(view.status).toBe('expired');
    expect(view.expiresAt).toBe('2025-06-01T12:00:00.000Z');
    expect(view.updatedAt).toBe('2025-05-20T08:00:00.123Z');
    expect(view.total).toBe(17_499);
  });
});
