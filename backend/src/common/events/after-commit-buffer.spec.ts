import { AfterCommitBuffer } from './after-commit-buffer.js';

function runner(active = true) {
  return { isTransactionActive: active };
}

describe('AfterCommitBuffer', () => {
  it('runs work at once outside a transaction', () => {
    const buffer = new AfterCommitBuffer();
    const done: string[] = [];
    buffer.hold(undefined, () => done.push('no runner'));
    buffer.hold(runner(false), () => done.push('idle runner'));
    expect(done).toEqual(['no runner', 'idle runner']);
  });

  it('holds work until the outermost commit, in order', () => {
    const buffer = new AfterCommitBuffer();
    const tx = runner();
    const done: number[] = [];
    buffer.hold(tx, () => done.push(1));
    buffer.hold(tx, () => done.push(2));
    buffer.committed(tx); // a savepoint release: still inside the transaction
    expect(done).toEqual([]);
    tx.isTransactionActive = false;
    buffer.committed(tx);
    expect(done).toEqual([1, 2]);
    buffer.committed(tx);
    expect(done).toEqual([1, 2]);
  });

  it('drops held work when the transaction rolls back', () => {
    const buffer = new AfterCommitBuffer();
    const tx = runner();
    const done: number[] = [];
    buffer.hold(tx, () => done.push(1));
    tx.isTransactionActive = false;
    buffer.rolledBack(tx);
    buffer.committed(tx);
    expect(done).toEqual([]);
  });

  it('keeps transactions apart', () => {
    const buffer = new AfterCommitBuffer();
    const a = runner();
    const b = runner();
    const done: string[] = [];
    buffer.hold(a, () => done.push('a'));
    buffer.hold(b, () => done.push('b'));
    b.isTransactionActive = false;
    buffer.committed(b);
    expect(done).toEqual(['b']);
  });
});
