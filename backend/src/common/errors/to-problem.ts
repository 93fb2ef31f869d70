import { HttpException } from '@nestjs/common';
import type { ErrorCode, FieldError, ProblemDetails } from '@repairhub/contracts';
import { DomainError, STATUS_BY_KIND } from './domain-error.js';
import { buildProblem } from './problem.js';

export const RATE_LIMITED_MESSAGE = 'Too many requests. Please wait before trying again.';

/** A rate-limit rejection carries how long to wait, for the `Retry-After` header. */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = RATE_LIMITED_MESSAGE,
  ) {
    super('rate_limited', 'RATE_LIMITED', message);
  }
}

const FASTIFY_CODES: Record<string, { code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST.TOO_LARGE', detail: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST.INVALID_JSON', detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'REQUEST.INVALID_JSON', detail: 'The request body is empty but declared as JSON.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', detail: 'Send the request body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'REQUEST.INVALID', detail: 'The Content-Length header does not match the body.' },
};

/**
 * The database could not give us a connection in time: the pool is saturated (pg-pool's wait passed
 * DATABASE_CONNECT_TIMEOUT_MS) or the server did not answer the connect. Answered 503 with a short
 * Retry-After instead of hanging; the request did nothing.
 */
const DATABASE_BUSY = new Set(['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout']);

export function isDatabaseBusy(error: unknown): boolean {
  return causes(error).some((e) => typeof e.message === 'string' && DATABASE_BUSY.has(e.message));
}

/**
 * A server we depend on cannot be reached or is going away: the connection was refused or lost
 * (network codes, PostgreSQL's class 08), or PostgreSQL is shutting down or starting up (57P01–57P03,
 * e.g. during a restart). Answered 503 with a short Retry-After, never 500: the client did nothing wrong.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03']);
const CONNECTION_LOST = new Set(['Connection terminated unexpectedly', 'Connection terminated']);

export function isConnectionFailure(error: unknown): boolean {
  return causes(error).some(
    (e) => (typeof e.code === 'string' && (UNREACHABLE_CODES.has(e.code) || e.code.startsWith('08'))) || (typeof e.message === 'string' && CONNECTION_LOST.has(e.message)),
  );
}

type Cause = { message?: unknown; code?: unknown; cause?: unknown; driverError?: unknown };

/** The error and what it wraps (`cause`, TypeORM's `driverError`), a few levels deep. */
function causes(error: unknown): Cause[] {
  const found: Cause[] = [];
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || depth > 3) return;
    found.push(e as Cause);
    visit((e as Cause).cause, depth + 1);
    visit((e as Cause).driverError, depth + 1);
  };
  visit(error, 0);
  return found;
}

export interface ProblemResult {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True when the error was unexpected, or wraps a failure of ours (an outage), and must be logged with its stack. */
  unexpected: boolean;
}

/** Turns any thrown value into the problem body the client sees. Nothing internal leaks from here. */
export function toProblem(error: unknown, context: { instance: string; requestId: string }): ProblemResult {
  const base = { instance: context.instance, requestId: context.requestId };
  const headers: Record<string, string> = {};

  if (error instanceof DomainError) {
    if (error instanceof RateLimitedError) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    if (error.kind === 'unavailable') headers['retry-after'] ??= '1';
    const problem = buildProblem({ ...base, status: STATUS_BY_KIND[error.kind], code: error.code, detail: error.message, errors: error.fields });
    return { problem, headers, unexpected: error.cause !== undefined };
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = status >= 500 ? 'An unexpected error occurred.' : Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
    const errors = typeof body === 'object' ? ((body as { errors?: FieldError[] }).errors ?? undefined) : undefined;
    return { problem: buildProblem({ ...base, status, detail, errors }), headers, unexpected: status >= 500 };
  }

  if (isDatabaseBusy(error)) {
    headers['retry-after'] = '1';
    const problem = buildProblem({ ...base, status: 503, code: 'SERVICE.BUSY', detail: 'The service is busy. Please try again in a moment.' });
    return { problem, headers, unexpected: false };
  }

  if (isConnectionFailure(error)) {
    headers['retry-after'] = '2';
    const problem = buildProblem({ ...base, status: 503, code: 'SERVICE.UNAVAILABLE', detail: 'The service is briefly unavailable. Please try again in a moment.' });
    return { problem, headers, unexpected: true };
  }

  const fastifyError = error as { code?: string; statusCode?: number } | null;
  if (fastifyError && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    const problem = buildProblem({
      ...base,
      status: fastifyError.statusCode,
      code: known?.code,
      detail: known?.detail ?? 'The request could not be processed.',
    });
    return { problem, headers, unexpected: false };
  }

  return {
    problem: buildProblem({ ...base, status: 500, detail: 'An unexpected error occurred. Quote the request id when reporting it.' }),
    headers,
    unexpected: true,
  };
}
