import type { TransactionRunner } from './after-commit-buffer.js';

/**
 * Work that must happen inside a transaction, just before it commits, so that it commits or rolls
 * back with the change (an outbox row). `flush` runs from TypeORM's before-commit hook and awaits each
 * piece in order, including pieces added meanwhile; a failure fails the commit, which rolls the whole
 * change back. A rollback of the outermost transaction drops what is held.
 */
export class BeforeCommitQueue {
  private readonly pending = new WeakMap<TransactionRunner, (() => Promise<void>)[]>();

  add(runner: TransactionRunner, work: () => Promise<void>): void {
    const queue = this.pending.get(runner) ?? [];
    queue.push(work);
    this.pending.set(runner, queue);
  }

  async flush(runner: TransactionRunner): Promise<void> {
    for (let queue = this.pending.get(runner); queue?.length; queue = this.pending.get(runner)) {
      this.pending.delete(runner);
      for (const work of queue) await work();
    }
  }

  rolledBack(runner: TransactionRunner): void {
    if (!runner.isTransactionActive) this.pending.delete(runner);
  }
}
