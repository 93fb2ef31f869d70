import { ListenerRegistry } from './listener-registry.js';

const payload = { repairId: 'r1', customerId: 'c1', deviceId: 'd1', urgency: 'high' as const };

describe('ListenerRegistry', () => {
  it('delivers to every listener of the event, and only of that event', () => {
    const registry = new ListenerRegistry(() => undefined);
    const created: unknown[] = [];
    const assigned: unknown[] = [];
    registry.add('repair.created', (p) => void created.push(p));
    registry.add('repair.assigned', (p) => void assigned.push(p));
    registry.emit('repair.created', payload);
    expect(created).toEqual([payload]);
    expect(assigned).toEqual([]);
  });

  it('keeps delivering when a listener throws or rejects, and reports both failures', async () => {
    const errors: unknown[] = [];
    const registry = new ListenerRegistry((_name, error) => errors.push(error));
    const seen: string[] = [];
    registry.add('repair.created', () => {
      throw new Error('sync boom');
    });
    registry.add('repair.created', async () => {
      throw new Error('async boom');
    });
    registry.add('repair.created', () => void seen.push('third'));
    registry.emit('repair.created', payload);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['third']);
    expect(errors.map((e) => (e as Error).message).sort()).toEqual(['async boom', 'sync boom']);
  });

  it('stops delivering after unsubscribe', () => {
    const registry = new ListenerRegistry(() => undefined);
    let calls = 0;
    const off = registry.add('repair.created', () => void calls++);
    registry.emit('repair.created', payload);
    off();
    registry.emit('repair.created', payload);
    expect(calls).toBe(1);
  });
});
