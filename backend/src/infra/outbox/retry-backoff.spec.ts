import { nextRetryDelay, RETRY_WINDOW_MS } from './retry-backoff.js';

describe('outbox retry backoff', () => {
  const mid = () => 0.5;
  it('doubles from the base and caps at 3 hours', () => {
    expect([1, 2, 3, 4].map((n) => nextRetryDelay(n, 30_000, 0, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(nextRetryDelay(20, 30_000, 0, mid)).toBe(3 * 3600_000);
  });
  it('gives up after a day', () => {
    expect(nextRetryDelay(10, 30_000, RETRY_WINDOW_MS - 1000, mid)).toBeNull();
    expect(nextRetryDelay(1, 30_000, RETRY_WINDOW_MS - 60_000, mid)).toBe(30_000);
  });
});
