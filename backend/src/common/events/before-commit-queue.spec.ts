import { BeforeCommitQueue } from './before-commit-queue.js';

const runner = (active = true) => ({ isTransactionActive: active });

describe('BeforeCommitQueue', () => {
  it('runs held work in order, one piece after the other, including work added while flushing', async () => {
    const queue = new BeforeCommitQueue();
    const tx = runner();
    const done: string[] = [];
    queue.add(tx, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      done.push('first');
      queue.add(tx, async () => void done.push('added by first'));
    });
    queue.add(tx, async () => void done.push('second'));
    await queue.flush(tx);
    expect(done).toEqual(['first', 'second', 'added by first']);
    await queue.flush(tx);
    expect(done).toHaveLength(3);
  });

  it('fails the flush with the first failure and does not run the rest', async () => {
    const queue = new BeforeCommitQueue();
    const tx = runner();
    const done: string[] = [];
    queue.add(tx, async () => {
      throw new Error('outbox insert failed');
    });
    queue.add(tx, async () => void done.push('later'));
    await expect(queue.flush(tx)).rejects.toThrow('outbox insert failed');
    expect(done).toEqual([]);
  });

  it('drops held work when the outermost transaction rolls back, not when a savepoint does', async () => {
    const queue = new BeforeCommitQueue();
    const tx = runner();
    const done: number[] = [];
    queue.add(tx, async () => void done.push(1));
    queue.rolledBack(tx);
    await queue.flush(tx);
    expect(done).toEqual([1]);

    queue.add(tx, async () => void done.push(2));
    tx.isTransactionActive = false;
    queue.rolledBack(tx);
    await queue.flush(tx);
    expect(done).toEqual([1]);
  });

  it('keeps transactions apart', async () => {
    const queue = new BeforeCommitQueue();
    const a = runner();
    const b = runner();
    const done: string[] = [];
    queue.add(a, async () => void done.push('a'));
    queue.add(b, async () => void done.push('b'));
    await queue.flush(b);
    expect(done).toEqual(['b']);
  });
});
