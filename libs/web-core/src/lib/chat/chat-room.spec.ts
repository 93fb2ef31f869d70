import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AttachmentView, MessageView, Page } from '@repairhub/contracts';
import { of, throwError } from 'rxjs';
import { ApiClient } from '../api/api-client';
import { AuthStore } from '../auth/auth-store';
import { ChatConnection } from './chat-connection';
import { ChatRoom, type PendingMessage } from './chat-room';

type Handler = (payload: unknown) => void;

/** Just enough of a Socket.IO client: records emits, answers acks the way a test says. */
class FakeSocket {
  connected = true;
  readonly emitted: { event: string; payload: any }[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  answer: (event: string, payload: any) => Promise<unknown> = async () => ({ ok: true, missed: [] });

  on(event: string, handler: Handler): void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
  }
  off(event: string, handler: Handler): void {
    this.handlers.get(event)?.delete(handler);
  }
  emit(event: string, payload: unknown): void {
    this.emitted.push({ event, payload });
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: unknown) => {
        this.emitted.push({ event, payload });
        return this.answer(event, payload);
      },
    };
  }
  fire(event: string, payload: unknown): void {
    this.handlers.get(event)?.forEach((handler) => handler(payload));
  }
  sent(event: string) {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }
}

let seq = 0;
function message(partial: Partial<MessageView> & { content: string }): MessageView {
  seq += 1;
  return {
    id: `m${String(seq).padStart(3, '0')}`,
    conversationId: 'c1',
    senderId: 'peer',
    type: 'text',
    event: null,
    clientId: null,
    attachments: [],
    createdAt: new Date(Date.UTC(2025, 0, 1, 10, 0, seq)).toISOString(),
    ...partial,
  };
}

describe('ChatRoom', () => {
  let socket: FakeSocket;
  let connections: ReturnType<typeof signal<number>>;
  let history: MessageView[];
  let restSend: ReturnType<typeof vi.fn>;

  function openRoom(): ChatRoom {
    const room = TestBed.runInInjectionContext(() => new ChatRoom('c1'));
    TestBed.tick();
    return room;
  }

  function configure(): void {
    TestBed.configureTestingModule({
      providers: [
        { provide: ChatConnection, useValue: { get: () => socket, connections, state: signal('online') } },
        { provide: AuthStore, useValue: { user: signal({ id: 'me' }) } },
        {
          provide: ApiClient,
          useValue: {
            conversations: {
              // The API returns newest first.
              messages: () => of<Page<MessageView>>({ items: [...history].reverse(), nextCursor: null }),
              send: restSend,
            },
          },
        },
      ],
    });
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  beforeEach(() => {
    localStorage.clear();
    seq = 0;
    socket = new FakeSocket();
    connections = signal(0);
    history = [];
    restSend = vi.fn();
    configure();
  });

  it('shows history oldest first and adds each live message once', async () => {
    history = [message({ content: 'Hello' }), message({ content: 'Your screen arrived', senderId: 'me' })];
    const room = openRoom();
    await settle();
    expect(room.status()).toBe('ready');
    const live = message({ content: 'Parts ordered' });
    socket.fire('message:new', { message: live });
    socket.fire('message:new', { message: live });
    socket.fire('message:new', { message: { ...message({ content: 'other chat' }), conversationId: 'c2' } });
    expect(room.items().map((i) => (i.kind === 'stored' ? i.message.content : i.pending.content))).toEqual([
      'Hello',
      'Your screen arrived',
      'Parts ordered',
    ]);
    expect(room.items().map((i) => i.kind === 'stored' && i.mine)).toEqual([false, true, false]);
  });

  it('shows a sent message at once and swaps it for the stored one on ack', async () => {
    let ack!: (value: unknown) => void;
    socket.answer = (event) =>
      event === 'message:send' ? new Promise((resolve) => (ack = resolve)) : Promise.resolve({ ok: true, missed: [] });
    const room = openRoom();
    await settle();

    room.send('  Is it fixable?  ');
    const [sent] = socket.sent('message:send');
    expect(sent).toMatchObject({ conversationId: 'c1', content: 'Is it fixable?' });
    expect(room.items()).toEqual([
      expect.objectContaining({ kind: 'pending', pending: expect.objectContaining({ state: 'sending', content: 'Is it fixable?' }) }),
    ]);

    ack({ ok: true, message: message({ content: 'Is it fixable?', senderId: 'me', clientId: sent.clientId }) });
    await settle();
    expect(room.items()).toHaveLength(1);
    expect(room.items()[0]).toMatchObject({ kind: 'stored', mine: true, message: { content: 'Is it fixable?' } });
  });

  it('sends uploaded photos with a message, with or without text', async () => {
    socket.answer = (event) => Promise.resolve(event === 'message:send' ? { ok: false, error: { code: 'REQUEST.INVALID', message: 'x' } } : { ok: true, missed: [] });
    const room = openRoom();
    await settle();
    const photo: AttachmentView = {
      id: 'a1',
      repairRequestId: 'r1',
      fileName: 'crack.jpg',
      contentType: 'image/jpeg',
      size: 1000,
      hasThumbnail: true,
      uploadedBy: 'me',
      createdAt: new Date().toISOString(),
    };

    room.send('   ', [photo]);
    expect(socket.sent('message:send')[0]).toMatchObject({ content: '', attachmentIds: ['a1'] });
    room.send('', []);
    expect(socket.sent('message:send')).toHaveLength(1);
  });

  it('does not double a message whose broadcast arrives before its ack', async () => {
    let ack!: (value: unknown) => void;
    socket.answer = (event) =>
      event === 'message:send' ? new Promise((resolve) => (ack = resolve)) : Promise.resolve({ ok: true, missed: [] });
    const room = openRoom();
    await settle();
    room.send('Thanks');
    const stored = message({ content: 'Thanks', senderId: 'me', clientId: socket.sent('message:send')[0].clientId });
    socket.fire('message:new', { message: stored });
    ack({ ok: true, message: stored });
    await settle();
    expect(room.items()).toHaveLength(1);
  });

  it('offers a retry when the send fails, and retries with the same clientId', async () => {
    socket.answer = async (event) =>
      event === 'message:send' ? Promise.reject(new Error('operation has timed out')) : { ok: true, missed: [] };
    const room = openRoom();
    await settle();
    room.send('Are you there?');
    await settle();
    expect(room.items()[0]).toMatchObject({ kind: 'pending', pending: { state: 'failed' } });

    const clientId = socket.sent('message:send')[0].clientId;
    socket.answer = async (event, payload) => ({
      ok: true,
      message: message({ content: payload.content, senderId: 'me', clientId: payload.clientId }),
    });
    room.retry(clientId);
    await settle();
    expect(socket.sent('message:send').map((p) => p.clientId)).toEqual([clientId, clientId]);
    expect(room.items()).toEqual([expect.objectContaining({ kind: 'stored', mine: true })]);
  });

  it('marks a message refused by the server as not sent', async () => {
    socket.answer = async (event) =>
      event === 'message:send' ? { ok: false, error: { code: 'CONVERSATION.NOT_FOUND', message: 'No access' } } : { ok: true, missed: [] };
    const room = openRoom();
    await settle();
    room.send('hi');
    await settle();
    expect(room.items()[0]).toMatchObject({ kind: 'pending', pending: { state: 'failed' } });
  });

  it('says why a message was not sent: rate limited (and sends it again when the wait is over), session ended, refused', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    try {
      socket.answer = async (event) =>
        event === 'message:send'
          ? { ok: false, error: { code: 'RATE_LIMITED', message: 'Too many requests.', retryAfterSeconds: 2.2 } }
          : { ok: true, missed: [] };
      const room = openRoom();
      await settle();
      room.send('One more thing');
      await settle();
      const failed = () => room.items().flatMap((i) => (i.kind === 'pending' ? [i.pending] : []))[0];
      expect(room.failureText(failed())).toBe('Not sent: too many messages at once. Sending again in 3 s.');
      vi.advanceTimersByTime(1000);
      expect(room.failureText(failed())).toBe('Not sent: too many messages at once. Sending again in 2 s.');

      socket.answer = async (event, payload) => ({
        ok: true,
        message: message({ content: payload.content, senderId: 'me', clientId: payload.clientId }),
      });
      vi.advanceTimersByTime(2000);
      await settle();
      expect(room.items()).toEqual([
        expect.objectContaining({ kind: 'stored', message: expect.objectContaining({ content: 'One more thing' }) }),
      ]);
      expect(socket.sent('message:send')).toHaveLength(2);

      socket.answer = async () => ({ ok: false, error: { code: 'AUTH.INVALID_TOKEN', message: 'Signed out.' } });
      room.send('After sign-out');
      await settle();
      expect(room.failureText(failed())).toBe('Not sent: your session ended. Sign in again and it will be kept here to send.');
      room.discard(failed().clientId);

      socket.answer = async () => ({
        ok: false,
        error: { code: 'REQUEST.INVALID', message: 'content must not be longer than 4000 characters' },
      });
      room.send('x');
      await settle();
      expect(room.failureText(failed())).toBe('Not sent: content must not be longer than 4000 characters');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps an unsent message across a reload, per person and conversation, until it is sent or discarded', async () => {
    socket.answer = async (event) =>
      event === 'message:send' ? Promise.reject(new Error('operation has timed out')) : { ok: true, missed: [] };
    const first = openRoom();
    await settle();
    first.send('Keep me');
    first.send('Drop me');
    await settle();
    expect(first.failureText((first.items()[0] as { pending: PendingMessage }).pending)).toContain('no connection');
    TestBed.resetTestingModule();

    // The page is loaded again: the same person sees both, and the other conversation none.
    socket = new FakeSocket();
    socket.answer = async (event) =>
      event === 'message:send' ? Promise.reject(new Error('operation has timed out')) : { ok: true, missed: [] };
    configure();
    const reloaded = openRoom();
    await settle();
    expect(reloaded.items().map((i) => i.kind === 'pending' && [i.pending.content, i.pending.state])).toEqual([
      ['Keep me', 'failed'],
      ['Drop me', 'failed'],
    ]);
    expect(Object.keys(localStorage)).toEqual(['rh.chat.unsent.me.c1']);
    reloaded.discard((reloaded.items()[1] as { pending: PendingMessage }).pending.clientId);
    TestBed.tick();
    expect(JSON.parse(localStorage.getItem('rh.chat.unsent.me.c1')!).map((m: { content: string }) => m.content)).toEqual(['Keep me']);

    // Back online: the join sends it, with the clientId it was typed with.
    socket.answer = async (event, payload) =>
      event === 'conversation:join'
        ? { ok: true, missed: [] }
        : { ok: true, message: message({ content: payload.content, senderId: 'me', clientId: payload.clientId }) };
    connections.set(1);
    TestBed.tick();
    await settle();
    await settle();
    expect(reloaded.items()).toEqual([
      expect.objectContaining({ kind: 'stored', message: expect.objectContaining({ content: 'Keep me' }) }),
    ]);
    TestBed.tick();
    expect(localStorage.getItem('rh.chat.unsent.me.c1')).toBeNull();
  });

  it('sends over REST with the same clientId while the socket is down', async () => {
    socket.connected = false;
    restSend.mockImplementation((_id: string, body: { content: string; clientId: string }) =>
      of(message({ content: body.content, senderId: 'me', clientId: body.clientId })),
    );
    const room = openRoom();
    await settle();
    room.send('Offline note');
    await settle();
    expect(restSend).toHaveBeenCalledWith('c1', { content: 'Offline note', clientId: expect.any(String) });
    expect(socket.sent('message:send')).toEqual([]);
    expect(room.items()[0]).toMatchObject({ kind: 'stored', message: { content: 'Offline note' } });

    restSend.mockReturnValue(throwError(() => new Error('offline')));
    room.send('Second');
    await settle();
    expect(room.items()[1]).toMatchObject({ kind: 'pending', pending: { state: 'failed' } });
  });

  it('catches up on every reconnect from the newest message it holds', async () => {
    history = [message({ content: 'one' }), message({ content: 'two' })];
    const room = openRoom();
    await settle();
    const missed = message({ content: 'sent while you were away' });
    socket.answer = async (event) => (event === 'conversation:join' ? { ok: true, missed: [missed] } : { ok: true });

    connections.set(1);
    TestBed.tick();
    await settle();
    expect(socket.sent('conversation:join')).toEqual([{ conversationId: 'c1', lastMessageId: history[1].id }]);
    expect(room.items().map((i) => (i.kind === 'stored' ? i.message.content : ''))).toEqual(['one', 'two', 'sent while you were away']);

    connections.set(2);
    TestBed.tick();
    await settle();
    expect(socket.sent('conversation:join')[1]).toEqual({ conversationId: 'c1', lastMessageId: missed.id });
  });

  it('marks my messages the other side has read as seen, and reports what I read', async () => {
    history = [message({ content: 'q', senderId: 'me' }), message({ content: 'a' }), message({ content: 'q2', senderId: 'me' })];
    const room = openRoom();
    await settle();
    expect(room.seenMessageId()).toBeNull();
    socket.fire('conversation:read', { conversationId: 'c1', userId: 'peer', messageId: history[1].id });
    expect(room.seenMessageId()).toBe(history[0].id);
    socket.fire('conversation:read', { conversationId: 'c1', userId: 'peer', messageId: history[2].id });
    expect(room.seenMessageId()).toBe(history[2].id);

    room.markRead();
    room.markRead();
    expect(socket.sent('conversation:read')).toEqual([{ conversationId: 'c1', messageId: history[1].id }]);
  });

  it('leaves the conversation when the panel goes away', async () => {
    const room = openRoom();
    await settle();
    expect(room.status()).toBe('ready');
    TestBed.resetTestingModule();
    expect(socket.sent('conversation:leave')).toEqual([{ conversationId: 'c1' }]);
    socket.fire('message:new', { message: message({ content: 'after leaving' }) });
    expect(room.items()).toEqual([]);
  });

  it('shows the typing indicator for a few seconds, and not for my own typing', async () => {
    vi.useFakeTimers();
    try {
      const room = openRoom();
      socket.fire('typing', { conversationId: 'c1', userId: 'me' });
      expect(room.peerTyping()).toBe(false);
      socket.fire('typing', { conversationId: 'c1', userId: 'peer' });
      expect(room.peerTyping()).toBe(true);
      vi.advanceTimersByTime(5000);
      expect(room.peerTyping()).toBe(false);

      room.typing();
      room.typing();
      expect(socket.sent('typing')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
