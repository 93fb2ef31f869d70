import { DestroyRef, Injectable, effect, inject, signal, untracked, type Injector } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import { CHAT_HANDSHAKE_ERRORS, CHAT_NAMESPACE, type ChatClientToServer, type ChatServerToClient } from '@repairhub/contracts';
import { AuthStore } from '../auth/auth-store';
import { SOCKET_ORIGIN } from '../config';

export type ChatSocket = Socket<ChatServerToClient, ChatClientToServer>;
export type ConnectionState = 'offline' | 'connecting' | 'online' | 'reconnecting';

/**
 * One Socket.IO connection to `/chat` per signed-in tab, shared by every chat panel. The handshake
 * reads the current access token on each (re)connect; a handshake refused for an expired token is
 * retried once after a refresh. Closed when the session ends.
 */
@Injectable({ providedIn: 'root' })
export class ChatConnection {
  private readonly auth = inject(AuthStore);
  private readonly origin = inject(SOCKET_ORIGIN);
  private socket: ChatSocket | null = null;
  private readonly stateSignal = signal<ConnectionState>('offline');
  /** Bumped on every successful (re)connect, so rooms rejoin and catch up. */
  private readonly connectionsSignal = signal(0);

  readonly state = this.stateSignal.asReadonly();
  readonly connections = this.connectionsSignal.asReadonly();

  constructor() {
    effect(() => {
      if (!this.auth.isSignedIn()) this.close();
    });
  }

  /** The shared socket, connecting it on first use. */
  get(): ChatSocket {
    if (this.socket) return this.socket;
    const socket: ChatSocket = io(`${this.origin}${CHAT_NAMESPACE}`, {
      auth: (cb) => cb({ token: this.auth.accessToken() }),
      withCredentials: true,
    });
    this.stateSignal.set('connecting');
    let retriedAuth = false;
    socket.on('connect', () => {
      retriedAuth = false;
      this.stateSignal.set('online');
      this.connectionsSignal.update((n) => n + 1);
    });
    socket.on('disconnect', (reason) => {
      this.stateSignal.set(reason === 'io client disconnect' ? 'offline' : 'reconnecting');
      // The server closes the sockets of a revoked session and Socket.IO does not retry that by itself:
      // reconnecting sends the handshake again, and a refused token takes the refresh path below.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', async (error) => {
      // A refused handshake is not retried by Socket.IO (socket.active is false); transport errors are.
      if (socket.active) {
        this.stateSignal.set('reconnecting');
        return;
      }
      const tokenRefused = (CHAT_HANDSHAKE_ERRORS as readonly string[]).includes(error.message);
      if (!tokenRefused || retriedAuth || !this.auth.isSignedIn()) {
        this.stateSignal.set('offline');
        return;
      }
      retriedAuth = true;
      try {
        await firstValueFrom(this.auth.refresh(this.auth.accessToken()));
        if (this.socket === socket) socket.connect();
      } catch {
        this.stateSignal.set('offline');
      }
    });
    this.socket = socket;
    return socket;
  }

  /**
   * Calls `handler` for each server `event` until `destroyRef` (default: the injecting view) is
   * destroyed. Connects the socket on first use.
   */
  on<E extends keyof ChatServerToClient>(event: E, handler: ChatServerToClient[E], destroyRef: DestroyRef = inject(DestroyRef)): void {
    const socket = this.get();
    const listener = handler as never;
    socket.on(event, listener);
    destroyRef.onDestroy(() => socket.off(event, listener));
  }

  /**
   * Calls `handler` after the socket comes back from a drop: Socket.IO delivers at most once, so a
   * screen refetches what may have changed while it was offline. The first connect is not a
   * reconnect: the screen has just loaded its data. Call from an injection context (or pass one).
   */
  onReconnect(handler: () => void, options: { injector?: Injector } = {}): void {
    const seen = this.connections();
    effect(
      () => {
        if (this.connections() > Math.max(seen, 1)) untracked(handler);
      },
      { injector: options.injector },
    );
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.stateSignal.set('offline');
  }
}
