import { sharedResult } from './shared-result.js';

describe('sharedResult', () => {
  let clock = 0;
  const now = () => clock;

  it('answers every call within the time to live with one run, then runs again', async () => {
    let runs = 0;
    const shared = sharedResult(1000, async () => ++runs, now);
    clock = 5_000;
    expect(await Promise.all([shared(), shared(), shared()])).toEqual([1, 1, 1]);
    clock = 5_999;
    expect(await shared()).toBe(1);
    clock = 6_000;
    expect(await shared()).toBe(2);
    expect(runs).toBe(2);
  });

  it('shares a failure the same way, and recovers on the next run', async () => {
    let healthy = false;
    const shared = sharedResult(1000, async () => {
      if (!healthy) throw new Error('database down');
      return 'up';
    }, now);
    clock = 10_000;
    const first = shared();
    expect(shared()).toBe(first);
    await expect(first).rejects.toThrow('database down');
    healthy = true;
    clock = 10_500;
    await expect(shared()).rejects.toThrow('database down');
    clock = 11_000;
    await expect(shared()).resolves.toBe('up');
  });

  it('keeps a run that has not settled for every caller until its time to live is over', async () => {
    let release!: (value: string) => void;
    let runs = 0;
    const shared = sharedResult(1000, () => {
      runs++;
      return new Promise<string>((resolve) => (release = resolve));
    }, now);
    clock = 20_000;
    const pending = [shared(), shared()];
    release('late');
    expect(await Promise.all(pending)).toEqual(['late', 'late']);
    expect(runs).toBe(1);
  });
});
