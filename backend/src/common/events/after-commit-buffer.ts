/** The parts of a TypeORM QueryRunner the buffer looks at. */
export interface TransactionRunner {
  readonly isTransactionActive: boolean;
}

/**
 * Holds work until a transaction commits. A savepoint release also fires TypeORM's commit hook
 * while the outer transaction is still open, so only the outermost commit (after which the runner
 * is no longer in a transaction) runs the work; a rollback of the outermost transaction drops it.
 */
export class AfterCommitBuffer {
  private readonly pending = new WeakMap<TransactionRunner, (() => void)[]>();

  /** Runs `work` now when `runner` is not in a transaction, else after it commits. */
  hold(runner: TransactionRunner | undefined, work: () => void): void {
    if (!runner || !runner.isTransactionActive) {
      work();
      return;
    }
    const queue = this.pending.get(runner) ?? [];
    queue.push(work);
    this.pending.set(runner, queue);
  }

  committed(runner: TransactionRunner): void {
    if (runner.isTransactionActive) return;
    const queue = this.pending.get(runner);
    this.pending.delete(runner);
    queue?.forEach((work) => work());
  }

  rolledBack(runner: TransactionRunner): void {
    if (!runner.isTransactionActive) this.pending.delete(runner);
  }
}
