import type { DataSource } from 'typeorm';
import { runExclusively } from './exclusive-run.js';

/** An embedded (PGlite) data source: only the in-process guard applies, no connection is taken. */
const embedded = { driver: { options: { driver: {} } } } as unknown as DataSource;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runExclusively (in one process)', () => {
  it('skips a run started while another of the same name is under way, and runs the next one', async () => {
    const gate = deferred();
    const first = runExclusively(embedded, 'sweep', async () => {
      await gate.promise;
      return 'first';
    });
    expect(await runExclusively(embedded, 'sweep', async () => 'second')).toBeNull();
    gate.resolve();
    expect(await first).toBe('first');
    expect(await runExclusively(embedded, 'sweep', async () => 'third')).toBe('third');
  });

  it('runs different names side by side', async () => {
    const gate = deferred();
    const first = runExclusively(embedded, 'one', () => gate.promise.then(() => 1));
    expect(await runExclusively(embedded, 'two', async () => 2)).toBe(2);
    gate.resolve();
    expect(await first).toBe(1);
  });

  it('frees the name when a run fails', async () => {
    await expect(runExclusively(embedded, 'failing', () => Promise.reject(new Error('storage down')))).rejects.toThrow('storage down');
    expect(await runExclusively(embedded, 'failing', async () => 'again')).toBe('again');
  });
});
