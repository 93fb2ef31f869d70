import { PGlitePool } from 'typeorm-pglite/dist/pglite-pool.js';

type ConnectCallback = Parameters<PGlitePool['connect']>[0];

/**
 * PGlite is a single database session. `typeorm-pglite` hands that one session to every TypeORM
 * query runner at once, so two concurrent transactions would interleave their statements (and one's
 * ROLLBACK would undo the other's work). This pool leases the session to one query runner at a time,
 * which gives each transaction the isolation it would have on PostgreSQL, at a pool size of one.
 */
export class ExclusivePGlitePool extends PGlitePool {
  private tail: Promise<void> = Promise.resolve();

  override async connect(callback: ConnectCallback): Promise<void> {
    let release!: () => void;
    const leased = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => leased);
    await previous;
    let released = false;
    const releaseOnce = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    await super.connect((error, client) => callback(error, client, releaseOnce));
  }
}
