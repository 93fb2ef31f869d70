import type { Logger } from '@nestjs/common';

/**
 * Drives an outbox worker: a round every `pollMs` once started (the first after one interval), never
 * two rounds at once in this process (`runOnce` while a round runs joins it). `stop` cancels the next
 * round and waits for the running one, so shutdown never cuts a delivery's bookkeeping short.
 */
export class OutboxPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  /** `round` claims and delivers what is due and returns how many it attempted. */
  constructor(
    private readonly round: () => Promise<number>,
    private readonly log: Pick<Logger, 'error'>,
  ) {}

  start(pollMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce()
        .catch((error: unknown) => this.log.error(`delivery round failed: ${(error as Error).message}`))
        .finally(() => this.start(pollMs));
    }, pollMs);
    this.timer.unref();
  }

  runOnce(): Promise<number> {
    if (!this.running) this.running = this.round().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
