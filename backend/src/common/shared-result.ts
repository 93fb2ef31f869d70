/**
 * Wraps `run` so that every call within `ttlMs` of the last run gets that run's promise, settled or not,
 * fulfilled or rejected; the first call after that starts a new run.
 */
export function sharedResult<T>(ttlMs: number, run: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let startedAt = -Infinity;
  let last: Promise<T> | undefined;
  return () => {
    const at = now();
    if (last === undefined || at - startedAt >= ttlMs) {
      startedAt = at;
      last = run();
    }
    return last;
  };
}
