// Sequential steps that share state: once a step fails, the later ones are skipped (they build on it),
// and a step whose prerequisite has not landed yet is skipped with the reason (later steps are skipped
// too, unless the blocked step is `optional`: nothing after it builds on it).
import { it } from 'node:test';

/** @param {{ onFailure?: (step: string) => Promise<void> }} [hooks] e.g. screenshots of the open pages */
export function steps(hooks = {}) {
  let broken = null;
  return function step(name, options, fn) {
    it(name, { timeout: options.timeout ?? 90_000 }, async (t) => {
      if (broken) return t.skip(`an earlier step failed: ${broken}`);
      const missing = options.needs ? await options.needs() : null;
      if (missing) {
        if (!options.optional) broken = `${name} (blocked)`;
        return t.skip(`blocked: ${missing}`);
      }
      try {
        await fn(t);
      } catch (error) {
        broken = name;
        await hooks.onFailure?.(name).catch(() => undefined);
        throw error;
      }
    });
  };
}
