import { DestroyRef, Injectable, inject, type Injector } from '@angular/core';
import type { ChatServerToClient } from '@repairhub/contracts';
import { ChatConnection } from '@repairhub/web-core';

type StaffEvent = 'repair:created' | 'repair:updated' | 'conversation:updated' | 'message:new';

/**
 * The server's live events for staff screens, over the shared `/chat` socket: new requests in the
 * queue, status and assignment changes, customers' replies. Listeners end with the calling view.
 * A narrower view of {@link ChatConnection.on} / {@link ChatConnection.onReconnect}.
 */
@Injectable({ providedIn: 'root' })
export class StaffEvents {
  private readonly connection = inject(ChatConnection);

  /** Calls `handler` for each `event` until `destroyRef` (default: the injecting view) is destroyed. */
  on<E extends StaffEvent>(event: E, handler: ChatServerToClient[E], destroyRef: DestroyRef = inject(DestroyRef)): void {
    this.connection.on(event, handler, destroyRef);
  }

  /** Calls `handler` after the socket comes back from a drop (not on the first connect). */
  onReconnect(handler: () => void, options: { injector?: Injector } = {}): void {
    this.connection.onReconnect(handler, options);
  }
}
