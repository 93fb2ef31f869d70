import type { ErrorCode } from '@repairhub/contracts';
import { toProblem } from './to-problem.js';

export interface AckError {
  ok: false;
  error: { code: ErrorCode; message: string; retryAfterSeconds?: number };
}

/**
 * The Socket.IO twin of the problem filter: any thrown value becomes `{ok: false, error}` with the
 * same code and message the REST problem body would carry (`toProblem` decides both).
 */
export function toAckError(error: unknown, instance: string): { ack: AckError; unexpected: boolean } {
  const { problem, headers, unexpected } = toProblem(error, { instance, requestId: '' });
  const ack: AckError = { ok: false, error: { code: problem.code, message: problem.detail } };
  if (headers['retry-after']) ack.error.retryAfterSeconds = Number(headers['retry-after']);
  return { ack, unexpected };
}
