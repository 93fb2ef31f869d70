/** Retries stop once the next attempt would fall more than this after the row was written. */
export const RETRY_WINDOW_MS = 24 * 3600_000;
const MAX_DELAY_MS = 3 * 3600_000;

/**
 * Delay before attempt `attempts + 1`: base · 2^(attempts-1), capped at 3 h, ±10 % jitter so retries from
 * many rows do not align. With a 30 s base: 30 s, 1 min, 2 min, … 3 h, for up to a day. Returns null
 * when the next attempt would be outside the retry window (the row is then `failed`).
 */
export function nextRetryDelay(attempts: number, baseMs: number, ageMs: number, random = Math.random): number | null {
  const delay = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS) * (0.9 + 0.2 * random());
  return ageMs + delay > RETRY_WINDOW_MS ? null : Math.round(delay);
}
