import { Component, inject, signal, type WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '../auth/auth-store';
import { SOCKET_ORIGIN } from '../config';
import { ChatConnection, type ChatSocket } from './chat-connection';

type Handler = (payload: unknown) => void;

/** Just enough of a Socket.IO client to register listeners and fire server events. */
class FakeSocket {
  private readonly handlers = new Map<string, Set<Handler>>();
  on(event: string, handler: Handler): void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
  }
  off(event: string, handler: Handler): void {
    this.handlers.get(event)?.delete(handler);
  }
  fire(event: string, payload: unknown): void {
    this.handlers.get(event)?.forEach((handler) => handler(payload));
  }
}

/** A screen that shows live status changes and counts how often it refetched after a drop. */
@Component({ selector: 'rh-live-screen', template: '' })
class LiveScreen {
  readonly statuses: string[] = [];
  refetches = 0;
  constructor() {
    const chat = inject(ChatConnection);
    chat.on('repair:updated', ({ status }) => this.statuses.push(status));
    chat.onReconnect(() => this.refetches++);
  }
}

describe('ChatConnection', () => {
  let socket: FakeSocket;
  let connection: ChatConnection;
  /** What the socket's `connect` listener bumps on every successful (re)connect. */
  let connects: WritableSignal<number>;

  beforeEach(() => {
    socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthStore, useValue: { isSignedIn: signal(true), accessToken: signal('token') } },
        { provide: SOCKET_ORIGIN, useValue: 'http://localhost' },
      ],
    });
    connection = TestBed.inject(ChatConnection);
    vi.spyOn(connection, 'get').mockReturnValue(socket as unknown as ChatSocket);
    connects = (connection as unknown as { connectionsSignal: WritableSignal<number> }).connectionsSignal;
  });

  function open() {
    const fixture = TestBed.createComponent(LiveScreen);
    fixture.detectChanges();
    return fixture;
  }

  it('does not refetch on the first connect of a fresh load, only after the socket comes back', () => {
    const screen = open().componentInstance;
    connects.set(1);
    TestBed.tick();
    expect(screen.refetches).toBe(0);

    connects.set(2);
    TestBed.tick();
    expect(screen.refetches).toBe(1);
  });

  it('refetches after a drop when the screen opened on an already connected socket', () => {
    connects.set(1);
    const screen = open().componentInstance;
    TestBed.tick();
    expect(screen.refetches).toBe(0);

    connects.set(2);
    TestBed.tick();
    expect(screen.refetches).toBe(1);
  });

  it('delivers server events to the screen until it is closed', () => {
    const fixture = open();
    const screen = fixture.componentInstance;
    socket.fire('repair:updated', { repairRequestId: 'r1', status: 'quoted' });
    expect(screen.statuses).toEqual(['quoted']);

    fixture.destroy();
    socket.fire('repair:updated', { repairRequestId: 'r1', status: 'approved' });
    connects.set(3);
    TestBed.tick();
    expect(screen.statuses).toEqual(['quoted']);
    expect(screen.refetches).toBe(0);
  });
});
