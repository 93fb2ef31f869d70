import { DestroyRef, Injectable, effect, inject, untracked, type Injector } from '@angular/core';
import type { ChatServerToClient } from '@repairhub/contracts';
import { ChatConnection } from '@repairhub/web-core';

type StaffEvent = 'repair:created' | 'repair:updated' | 'conversation:updated' | 'message:new';

/**
 * The server's live events for staff screens, over the shared `/chat` socket: new requests in the
 * queue, status and assignment changes, customers' replies. Listeners end with the calling view.
 */
@Injectable({ providedIn: 'root' })
export class StaffEvents {
  private readonly connection = inject(ChatConnection);

  /** Calls `handler` for each `event` until `destroyRef` (default: the injecting view) is destroyed. */
  on<E extends StaffEvent>(event: E, handler: ChatServerToClient[E], destroyRef: DestroyRef = inject(DestroyRef)): void {
    const socket = this.connection.get();
    const listener = handler as never;
    socket.on(event, listener);
    destroyRef.onDestroy(() => socket.off(event, listener));
  }

  /**
   * Calls `handler` after the socket comes back from a drop: Socket.IO delivers at most once, so a
   * screen refetches what may have changed while it was offline. Call from an injection context.
   */
  onReconnect(handler: () => void, options: { injector?: Injector } = {}): void {
    const seen = this.connection.connections();
    effect(
      () => {
        if (this.connection.connections() > Math.max(seen, 1)) untracked(handler);
      },
      { injector: options.injector },
    );
  }
}
