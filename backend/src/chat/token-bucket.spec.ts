import { KeyedThrottle, TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until tokens refill at the configured rate', () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true]);
    expect(bucket.take(0)).toBe(false);
    expect(bucket.retryAfterSeconds()).toBeCloseTo(0.5);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
  });

  it('never stores more than the burst', () => {
    const bucket = new TokenBucket(10, 2, 0);
    expect(bucket.take(60_000)).toBe(true);
    expect(bucket.take(60_000)).toBe(true);
    expect(bucket.take(60_000)).toBe(false);
  });
});

describe('KeyedThrottle', () => {
  it('passes once per interval per key', () => {
    const throttle = new KeyedThrottle(1000);
    expect(throttle.pass('a', 0)).toBe(true);
    expect(throttle.pass('a', 999)).toBe(false);
    expect(throttle.pass('b', 999)).toBe(true);
    expect(throttle.pass('a', 1000)).toBe(true);
  });
});
