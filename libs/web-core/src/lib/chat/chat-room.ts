import { DestroyRef, Injector, computed, effect, inject, signal, untracked } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Ack, AttachmentView, MessageView } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';
import { AuthStore } from '../auth/auth-store';
import { ChatConnection, type ChatSocket } from './chat-connection';
import { AckRefused, describeFailure, sendFailure, UnsentMessages, type SendFailure } from './unsent-messages';

export const ACK_TIMEOUT_MS = 10_000;
/** A join the server refused or did not answer is asked again, after 1 s, 2 s, … */
const JOIN_ATTEMPTS = 4;
const JOIN_RETRY_MS = 1_000;
const TYPING_SHOWN_MS = 4_000;
const TYPING_SENT_EVERY_MS = 2_500;
const PAGE_SIZE = 30;

/** A message the user sent that the server has not stored yet (or refused). */
export interface PendingMessage {
  clientId: string;
  content: string;
  /** Uploaded already; the message links them. */
  attachments?: AttachmentView[];
  createdAt: string;
  state: 'sending' | 'failed';
  /** Why it failed, when it did. */
  failure?: SendFailure;
}

export type ChatItem =
  { kind: 'stored'; key: string; message: MessageView; mine: boolean } | { kind: 'pending'; key: string; pending: PendingMessage };

function byTime(a: MessageView, b: MessageView): number {
  return a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1;
}

function newClientId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The live state of one conversation: history from REST, new messages from the socket, optimistic
 * sends that become the stored message on ack (or offer a retry), typing and read receipts, and a
 * catch-up (`conversation:join` with the newest id we hold) after every reconnect.
 * Create it in an injection context; it cleans up with that context.
 */
export class ChatRoom {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthStore);
  private readonly connection = inject(ChatConnection);
  private readonly socket: ChatSocket = this.connection.get();

  private readonly stored = signal<MessageView[]>([]);
  private readonly pending = signal<PendingMessage[]>([]);
  private readonly typingUntil = signal(0);
  private readonly now = signal(Date.now());
  private readonly peerRead = signal<string | null>(null);
  private readonly loadState = signal<'loading' | 'ready' | 'error'>('loading');
  private readonly loadError = signal<unknown>(null);
  private readonly olderAvailable = signal(false);
  private lastTypingSent = 0;
  private lastReadSent: string | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly retryTimers = new Map<string, ReturnType<typeof setInterval>>();
  private readonly unsent: UnsentMessages;

  readonly status = this.loadState.asReadonly();
  readonly error = this.loadError.asReadonly();
  readonly hasOlder = this.olderAvailable.asReadonly();
  readonly connectionState = this.connection.state;
  readonly peerTyping = computed(() => this.typingUntil() > this.now());

  readonly items = computed<ChatItem[]>(() => {
    const me = this.auth.user()?.id;
    return [
      ...this.stored().map((message) => ({ kind: 'stored' as const, key: message.id, message, mine: message.senderId === me })),
      ...this.pending().map((pending) => ({ kind: 'pending' as const, key: `pending-${pending.clientId}`, pending })),
    ];
  });

  /** Id of my newest message the other side has read, for the "Seen" mark. */
  readonly seenMessageId = computed(() => {
    const readId = this.peerRead();
    if (!readId) return null;
    const me = this.auth.user()?.id;
    const messages = this.stored();
    const upTo = messages.findIndex((m) => m.id === readId);
    if (upTo < 0) return null;
    for (let i = upTo; i >= 0; i--) if (messages[i].senderId === me) return messages[i].id;
    return null;
  });

  constructor(readonly conversationId: string) {
    // Messages a previous visit could not send come back, and go out on the next join.
    this.unsent = new UnsentMessages(this.auth.user()?.id ?? 'anonymous', conversationId);
    this.pending.set(this.unsent.load().map((m) => ({ ...m, state: 'failed' as const, failure: { reason: 'offline' as const } })));
    const keeper = effect(() => this.unsent.save(this.pending()), { injector: inject(Injector) });
    const onNew = ({ message }: { message: MessageView }) => {
      if (message.conversationId !== this.conversationId) return;
      if (message.senderId !== this.auth.user()?.id) this.typingUntil.set(0);
      this.merge([message]);
    };
    const onTyping = (p: { conversationId: string; userId: string }) => {
      if (p.conversationId !== this.conversationId || p.userId === this.auth.user()?.id) return;
      this.typingUntil.set(Date.now() + TYPING_SHOWN_MS);
      this.now.set(Date.now());
      if (this.typingTimer) clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.now.set(Date.now()), TYPING_SHOWN_MS + 50);
    };
    const onRead = (p: { conversationId: string; userId: string; messageId: string }) => {
      if (p.conversationId === this.conversationId && p.userId !== this.auth.user()?.id) this.peerRead.set(p.messageId);
    };
    this.socket.on('message:new', onNew);
    this.socket.on('typing', onTyping);
    this.socket.on('conversation:read', onRead);

    // Join on every (re)connect; the ack brings what was missed while away.
    const joiner = effect(
      () => {
        if (this.connection.connections() > 0) untracked(() => void this.join());
      },
      { injector: inject(Injector) },
    );

    inject(DestroyRef).onDestroy(() => {
      joiner.destroy();
      keeper.destroy();
      this.retryTimers.forEach((timer) => clearInterval(timer));
      // Stop the room's broadcasts to this tab; the server keeps the user's own room for list updates.
      if (this.socket.connected) this.socket.emit('conversation:leave', { conversationId: this.conversationId });
      this.socket.off('message:new', onNew);
      this.socket.off('typing', onTyping);
      this.socket.off('conversation:read', onRead);
      if (this.typingTimer) clearTimeout(this.typingTimer);
    });

    void this.loadLatest();
  }

  /** Loads the newest page of history (also the retry after a failed load). */
  async loadLatest(): Promise<void> {
    this.loadState.set('loading');
    try {
      const page = await firstValueFrom(this.api.conversations.messages(this.conversationId, { limit: PAGE_SIZE }));
      this.merge(page.items);
      this.olderAvailable.set(page.nextCursor !== null);
      this.loadState.set('ready');
    } catch (error) {
      this.loadError.set(error);
      this.loadState.set('error');
    }
  }

  async loadOlder(): Promise<void> {
    const oldest = this.stored()[0];
    if (!oldest) return;
    const page = await firstValueFrom(this.api.conversations.messages(this.conversationId, { before: oldest.id, limit: PAGE_SIZE }));
    this.merge(page.items);
    this.olderAvailable.set(page.nextCursor !== null);
  }

  /** Sends optimistically: a pending bubble now, the stored message on ack. */
  send(content: string, attachments: AttachmentView[] = []): void {
    const text = content.trim();
    if (!text && !attachments.length) return;
    const pending: PendingMessage = {
      clientId: newClientId(),
      content: text,
      ...(attachments.length ? { attachments } : {}),
      createdAt: new Date().toISOString(),
      state: 'sending',
    };
    this.pending.update((list) => [...list, pending]);
    void this.deliver(pending);
  }

  /** Sends a failed message again with the same clientId, so the server never stores it twice. */
  retry(clientId: string): void {
    const pending = this.pending().find((p) => p.clientId === clientId);
    if (!pending) return;
    this.stopRetryTimer(clientId);
    this.updatePending(clientId, { state: 'sending', failure: undefined });
    void this.deliver(pending);
  }

  /** Discards a failed message (also from the browser's storage). */
  discard(clientId: string): void {
    this.stopRetryTimer(clientId);
    this.pending.update((list) => list.filter((p) => p.clientId !== clientId));
  }

  /** Why a failed message was not sent and what happens next, in one sentence. */
  failureText(pending: PendingMessage): string {
    return describeFailure(pending.failure, this.now());
  }

  /** Tells the other side I am typing, at most every few seconds. */
  typing(): void {
    const now = Date.now();
    if (now - this.lastTypingSent < TYPING_SENT_EVERY_MS || !this.socket.connected) return;
    this.lastTypingSent = now;
    this.socket.emit('typing', { conversationId: this.conversationId });
  }

  /** Marks everything up to the newest message from the other side as read. */
  markRead(): void {
    const me = this.auth.user()?.id;
    const newest = [...this.stored()].reverse().find((m) => m.senderId !== me);
    if (!newest || newest.id === this.lastReadSent || !this.socket.connected) return;
    this.lastReadSent = newest.id;
    this.socket.emit('conversation:read', { conversationId: this.conversationId, messageId: newest.id });
  }

  private async join(attempt = 1): Promise<void> {
    const last = this.stored().at(-1);
    let joined = false;
    try {
      const ack = (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('conversation:join', { conversationId: this.conversationId, ...(last ? { lastMessageId: last.id } : {}) })) as Ack<{
        missed: MessageView[];
      }>;
      if (ack.ok) {
        joined = true;
        this.merge(ack.missed ?? []);
        // Messages that failed while we were away can go now.
        for (const p of this.pending()) if (p.state === 'failed') this.retry(p.clientId);
      }
    } catch {
      // No ack in time (a busy server): asked again below.
    }
    // Not in the room means no live messages: while still connected, ask again a few times (REST history
    // stays on screen meanwhile; a reconnect joins anew).
    if (!joined && attempt < JOIN_ATTEMPTS && this.socket.connected) {
      setTimeout(() => {
        if (this.socket.connected) void this.join(attempt + 1);
      }, JOIN_RETRY_MS * attempt);
    }
  }

  private async deliver(pending: PendingMessage): Promise<void> {
    const attachmentIds = pending.attachments?.map((a) => a.id);
    const payload = { conversationId: this.conversationId, content: pending.content, clientId: pending.clientId, ...(attachmentIds ? { attachmentIds } : {}) };
    try {
      let message: MessageView;
      if (this.socket.connected) {
        const ack = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', payload)) as Ack<{ message: MessageView }>;
        if (!ack.ok) throw new AckRefused(ack.error);
        message = ack.message;
      } else {
        // The REST fallback has the same effect, and the same clientId de-duplicates it.
        message = await firstValueFrom(
          this.api.conversations.send(this.conversationId, { content: pending.content, clientId: pending.clientId, ...(attachmentIds ? { attachmentIds } : {}) }),
        );
      }
      this.merge([message]);
    } catch (error) {
      this.fail(pending.clientId, sendFailure(error, Date.now()));
    }
  }

  /** Marks a message failed; a rate-limited one counts down and goes again when its time comes. */
  private fail(clientId: string, failure: SendFailure): void {
    this.now.set(Date.now());
    this.updatePending(clientId, { state: 'failed', failure });
    if (failure.reason !== 'rate-limited') return;
    this.stopRetryTimer(clientId);
    const timer = setInterval(() => {
      this.now.set(Date.now());
      if (Date.now() >= failure.retryAt) this.retry(clientId);
    }, 1000);
    this.retryTimers.set(clientId, timer);
  }

  private stopRetryTimer(clientId: string): void {
    clearInterval(this.retryTimers.get(clientId));
    this.retryTimers.delete(clientId);
  }

  private updatePending(clientId: string, change: Partial<PendingMessage>): void {
    this.pending.update((list) => list.map((p) => (p.clientId === clientId ? { ...p, ...change } : p)));
  }

  /** Adds messages once each, in time order, and settles the pending bubbles they answer. */
  private merge(messages: readonly MessageView[]): void {
    if (!messages.length) return;
    const me = this.auth.user()?.id;
    this.stored.update((current) => {
      const byId = new Map(current.map((m) => [m.id, m]));
      for (const m of messages) byId.set(m.id, m);
      return [...byId.values()].sort(byTime);
    });
    const settled = new Set(messages.filter((m) => m.senderId === me && m.clientId).map((m) => m.clientId));
    if (settled.size) this.pending.update((list) => list.filter((p) => !settled.has(p.clientId)));
  }
}
