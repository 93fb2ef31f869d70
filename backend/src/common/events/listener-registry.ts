import type { DomainEventListener, DomainEventMap, DomainEventName } from './domain-event-map.js';

type AnyListener = (payload: unknown) => void | Promise<void>;

/** Listeners per event name; one failing listener (thrown or rejected) does not stop the others. */
export class ListenerRegistry {
  private readonly byName = new Map<DomainEventName, Set<AnyListener>>();

  constructor(private readonly onError: (name: DomainEventName, error: unknown) => void) {}

  add<K extends DomainEventName>(name: K, listener: DomainEventListener<K>): () => void {
    const set = this.byName.get(name) ?? new Set();
    set.add(listener as AnyListener);
    this.byName.set(name, set);
    return () => set.delete(listener as AnyListener);
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    for (const listener of [...(this.byName.get(name) ?? [])]) {
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch((error: unknown) => this.onError(name, error));
      } catch (error) {
        this.onError(name, error);
      }
    }
  }
}
