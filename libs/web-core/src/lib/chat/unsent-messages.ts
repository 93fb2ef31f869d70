import { HttpErrorResponse } from '@angular/common/http';
import { isErrorIn, type ErrorCode } from '@repairhub/contracts';
import { readProblem } from '../errors/problem';

/** Why a message did not go out, in terms the person can act on. */
export type SendFailure =
  | { reason: 'rate-limited'; retryAt: number }
  | { reason: 'session-ended' }
  | { reason: 'offline' }
  | { reason: 'refused'; message: string };

/** A refused socket acknowledgement (`{ok: false, error}`), thrown so one classifier serves both paths. */
export class AckRefused extends Error {
  constructor(readonly error: { code: ErrorCode; message: string; retryAfterSeconds?: number }) {
    super(error.message);
  }
}

/** Classifies what went wrong with a send over the socket (ack or no ack) or the REST fallback. */
export function sendFailure(error: unknown, now: number): SendFailure {
  if (error instanceof AckRefused) {
    const { code, message, retryAfterSeconds } = error.error;
    if (code === 'RATE_LIMITED') return { reason: 'rate-limited', retryAt: now + Math.max(1, Math.ceil(retryAfterSeconds ?? 1)) * 1000 };
    if (isErrorIn(code, 'AUTH')) return { reason: 'session-ended' };
    return { reason: 'refused', message };
  }
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return { reason: 'offline' };
    if (error.status === 401) return { reason: 'session-ended' };
    if (error.status === 429)
      return { reason: 'rate-limited', retryAt: now + Math.max(1, Number(error.headers?.get('retry-after')) || 1) * 1000 };
    return { reason: 'refused', message: readProblem(error).message };
  }
  // Socket.IO's ack timeout, or a socket that dropped while sending.
  return { reason: 'offline' };
}

/** One sentence for the failed bubble. */
export function describeFailure(failure: SendFailure | undefined, now: number): string {
  switch (failure?.reason) {
    case 'rate-limited': {
      const seconds = Math.ceil((failure.retryAt - now) / 1000);
      return `Not sent: too many messages at once. Sending again in ${Math.max(1, seconds)} s.`;
    }
    case 'session-ended':
      return 'Not sent: your session ended. Sign in again and it will be kept here to send.';
    case 'offline':
      return 'Not sent: no connection. It is sent when you are back online, or retry now.';
    case 'refused':
      return `Not sent: ${failure.message}`;
    default:
      return 'Not sent.';
  }
}

export interface UnsentMessage {
  clientId: string;
  content: string;
  createdAt: string;
}

/**
 * Messages typed but not yet stored by the server, kept per person and conversation in the browser
 * (localStorage) so a reload or a lost session does not lose them; removed once sent or discarded.
 */
export class UnsentMessages {
  private readonly key: string;

  constructor(
    userId: string,
    conversationId: string,
    private readonly storage: Storage | null = browserStorage(),
  ) {
    this.key = `rh.chat.unsent.${userId}.${conversationId}`;
  }

  load(): UnsentMessage[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(this.key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isUnsent) : [];
    } catch {
      return [];
    }
  }

  save(messages: readonly UnsentMessage[]): void {
    try {
      if (messages.length)
        this.storage?.setItem(
          this.key,
          JSON.stringify(messages.map(({ clientId, content, createdAt }) => ({ clientId, content, createdAt }))),
        );
      else this.storage?.removeItem(this.key);
    } catch {
      // Storage full or blocked: the messages stay on screen for this visit.
    }
  }
}

function isUnsent(value: unknown): value is UnsentMessage {
  const v = value as Partial<UnsentMessage> | null;
  return typeof v?.clientId === 'string' && typeof v.content === 'string' && typeof v.createdAt === 'string';
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
