import type { DataSource } from 'typeorm';
import { isEmbedded } from './data-source.js';

const runningHere = new Set<string>();

/**
 * Runs `work` unless a run under the same `name` is under way, in this process or in any instance on
 * the same PostgreSQL database; answers null then, without waiting. Across instances it is a
 * session-level advisory lock on a connection held for the run, so an instance that dies mid-run
 * releases it with its connection. PGlite is one session of one process (advisory locks are
 * re-entrant within a session, and holding its connection would stall every other query), so there
 * the in-process check is the whole guard.
 */
export async function runExclusively<T>(db: DataSource, name: string, work: () => Promise<T>): Promise<T | null> {
  if (runningHere.has(name)) return null;
  runningHere.add(name);
  try {
    if (isEmbedded(db)) return await work();
    const runner = db.createQueryRunner('master');
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [name])) as { locked: boolean }[];
      if (!locked) return null;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [name]);
      }
    } finally {
      await runner.release();
    }
  } finally {
    runningHere.delete(name);
  }
}
