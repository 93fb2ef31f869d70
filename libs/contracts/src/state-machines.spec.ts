import { canTransition, canTransitionPayment, canTransitionQuote, nextRepairStatuses } from './state-machines.js';

describe('repair state machine', () => {
  it.each([
    ['submitted', 'cancelled', 'customer'],
    ['quoted', 'cancelled', 'customer'],
    ['submitted', 'quoted', 'system'],
    ['quoted', 'approved', 'system'],
    ['approved', 'in_progress', 'technician'],
    ['in_progress', 'completed', 'admin'],
  ] as const)('allows %s → %s by %s', (from, to, actor) => {
    expect(canTransition(from, to, actor)).toBe(true);
  });

  it.each([
    ['submitted', 'approved', 'technician'],
    ['quoted', 'approved', 'customer'],
    ['approved', 'cancelled', 'customer'],
    ['approved', 'in_progress', 'customer'],
    ['completed', 'in_progress', 'admin'],
    ['cancelled', 'submitted', 'admin'],
    ['submitted', 'submitted', 'admin'],
  ] as const)('refuses %s → %s by %s', (from, to, actor) => {
    expect(canTransition(from, to, actor)).toBe(false);
  });

  it('offers a technician only the moves the table gives them', () => {
    expect(nextRepairStatuses('approved', 'technician')).toEqual(['in_progress']);
    expect(nextRepairStatuses('submitted', 'customer')).toEqual(['cancelled']);
    expect(nextRepairStatuses('completed', 'admin')).toEqual([]);
  });
});

describe('quote and payment state machines', () => {
  it('lets a failed payment put the quote back to pending, only by the system', () => {
    expect(canTransitionQuote('payment_pending', 'pending', 'system')).toBe(true);
    expect(canTransitionQuote('payment_pending', 'pending', 'customer')).toBe(false);
  });

  it('never moves a payment backwards', () => {
    expect(canTransitionPayment('succeeded', 'failed')).toBe(false);
    expect(canTransitionPayment('succeeded', 'processing')).toBe(false);
    expect(canTransitionPayment('processing', 'succeeded')).toBe(true);
    expect(canTransitionPayment('requires_payment', 'succeeded')).toBe(true);
  });
});
