import { CHAT_NAMESPACE, type ChatClientToServer, type ChatServerToClient, type MessageView } from '@repairhub/contracts';
import { Agent } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './test-app.js';

export type ChatSocket = Socket<ChatServerToClient, ChatClientToServer>;

/** A socket on `/chat` that records every server event it receives, for assertions. */
export interface TestChatClient {
  socket: ChatSocket;
  received: { event: string; payload: any }[];
  messages(conversationId?: string): MessageView[];
  /** Resolves with the first `event` payload matching `match` (already received or still to come). */
  next<T = any>(event: string, match?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  emit<T = any>(event: keyof ChatClientToServer, payload: unknown): Promise<T>;
  /** Resolves with the reason the socket was disconnected (already or still to come). */
  disconnected(timeoutMs?: number): Promise<string>;
  close(): void;
}

export interface ChatSocketOptions {
  autoConnect?: boolean;
  /** Connect from this loopback address (a distinct client IP behind the balancer). */
  localAddress?: string;
  /** Default: WebSocket only. `['polling', 'websocket']` is the browser default (long-polling, then upgrade). */
  transports?: ('polling' | 'websocket')[];
}

/** Socket.IO events are outside the OpenAPI document (it describes the HTTP API only): nothing here is contract-checked. */
export function chatSocket(baseUrl: string, token: string | undefined, options: ChatSocketOptions = {}): ChatSocket {
  return io(`${baseUrl}${CHAT_NAMESPACE}`, {
    auth: token === undefined ? {} : { token },
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: options.autoConnect ?? true,
    ...(options.localAddress ? { agent: new Agent({ localAddress: options.localAddress, keepAlive: true }) as any } : {}),
  });
}

/** Connects and resolves once the handshake is accepted; rejects with the `connect_error`. */
export async function connectChat(t: Pick<TestApp, 'baseUrl'>, token: string | undefined, options: Omit<ChatSocketOptions, 'autoConnect'> = {}): Promise<TestChatClient> {
  const socket = chatSocket(t.baseUrl, token, options);
  const received: { event: string; payload: any }[] = [];
  const waiters: { event: string; match: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  socket.onAny((event: string, payload: unknown) => {
    received.push({ event, payload });
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.match(payload)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload);
      }
    }
  });
  const disconnectReason = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return {
    socket,
    received,
    messages: (conversationId) =>
      received.filter((r) => r.event === 'message:new' && (!conversationId || r.payload.message.conversationId === conversationId)).map((r) => r.payload.message),
    next: (event, match = () => true, timeoutMs = 5000) => {
      const seen = received.find((r) => r.event === event && match(r.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ event, match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    emit: (event, payload) => (socket.timeout(5000) as any).emitWithAck(event, payload),
    disconnected: (timeoutMs = 5000) =>
      Promise.race([disconnectReason, new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs).unref())]),
    close: () => socket.close(),
  };
}

/** Waits for a connect_error and returns it. */
export function handshakeError(t: Pick<TestApp, 'baseUrl'>, token: string | undefined): Promise<Error & { data?: { code: string; message: string } }> {
  const socket = chatSocket(t.baseUrl, token);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('the handshake was accepted'));
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error);
    });
  });
}

/** Lets in-flight broadcasts arrive before asserting that something did *not* arrive. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
