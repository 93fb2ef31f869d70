import { jest } from '@jest/globals';
import { OutboxPoller } from './outbox-poller.js';

/** A round that stays open until `finish` is called. */
function controllableRound() {
  let finish!: (n: number) => void;
  let calls = 0;
  const round = () => {
    calls++;
    return new Promise<number>((resolve) => (finish = resolve));
  };
  return { round, finish: (n: number) => finish(n), calls: () => calls };
}

describe('OutboxPoller', () => {
  const log = { error: jest.fn() };

  it('joins the running round instead of starting a second one', async () => {
    const r = controllableRound();
    const poller = new OutboxPoller(r.round, log);
    const first = poller.runOnce();
    const second = poller.runOnce();
    expect(r.calls()).toBe(1);
    r.finish(3);
    await expect(Promise.all([first, second])).resolves.toEqual([3, 3]);
    const third = poller.runOnce();
    expect(r.calls()).toBe(2);
    r.finish(0);
    await expect(third).resolves.toBe(0);
  });

  it('waits for the running round when stopped', async () => {
    const r = controllableRound();
    const poller = new OutboxPoller(r.round, log);
    const done: string[] = [];
    void poller.runOnce().then(() => done.push('round'));
    const stopping = poller.stop().then(() => done.push('stopped'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual([]);
    r.finish(1);
    await stopping;
    expect(done).toEqual(['round', 'stopped']);
  });

  it('runs a round each interval until stopped', async () => {
    jest.useFakeTimers();
    try {
      const r = controllableRound();
      const poller = new OutboxPoller(r.round, log);
      poller.start(1000);
      jest.advanceTimersByTime(999);
      expect(r.calls()).toBe(0);
      jest.advanceTimersByTime(1);
      expect(r.calls()).toBe(1);
      r.finish(0);
      await jest.advanceTimersByTimeAsync(1000);
      expect(r.calls()).toBe(2);
      const stopping = poller.stop();
      r.finish(0);
      await stopping;
      await jest.advanceTimersByTimeAsync(10_000);
      expect(r.calls()).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
