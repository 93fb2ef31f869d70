/** How a domain error reads over HTTP. The mapping to status codes lives in the problem filter only. */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

/**
 * Thrown by services for every expected failure. `code` is stable and documented (`QUOTE.EXPIRED`);
 * `message` is safe to show to the user.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, what = 'Resource') => new DomainError('not_found', code, `${what} not found.`);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const forbidden = (code: string, message = 'You are not allowed to do this.') => new DomainError('forbidden', code, message);
export const unauthenticated = (code: string, message = 'Authentication required.') =>
  new DomainError('unauthenticated', code, message);
export const invalid = (code: string, message: string, field?: string) =>
  new DomainError('validation', code, message, field ? [{ field, message }] : undefined);
