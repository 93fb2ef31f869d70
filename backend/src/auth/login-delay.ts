const FREE_FAILURES = 3;
const MAX_DELAY_MS = 3_000;

/**
 * How long to hold the answer to a failed login, given the account's recent failures: nothing for the
 * first few typos, then doubling up to a cap. Slows guessing without locking the owner out.
 */
export function loginFailureDelayMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 200 * 2 ** (failures - FREE_FAILURES - 1));
}
