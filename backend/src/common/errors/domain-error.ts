import type { ErrorCode, ErrorCodeWithStatus } from '@repairhub/contracts';

/** How a domain error reads over HTTP: each kind is one status. */
export const STATUS_BY_KIND = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof STATUS_BY_KIND;

/**
 * The catalogue fixes each code's status, so a kind accepts only the codes catalogued with its status:
 * `notFound('QUOTE.EXPIRED')` does not compile. A code's status cannot differ between call sites.
 */
export type CodeOfKind<K extends ErrorKind> = ErrorCodeWithStatus<(typeof STATUS_BY_KIND)[K]>;

/**
 * Thrown by services for every expected failure. `code` is stable and documented (`QUOTE.EXPIRED`);
 * `message` is safe to show to the user.
 */
type DomainErrorArgs = {
  [K in ErrorKind]: [kind: K, code: CodeOfKind<K>, message: string, fields?: { field: string; message: string }[]];
}[ErrorKind];

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly fields?: { field: string; message: string }[];

  constructor(...[kind, code, message, fields]: DomainErrorArgs) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.fields = fields;
  }
}

export const notFound = (code: CodeOfKind<'not_found'>, what = 'Resource') => new DomainError('not_found', code, `${what} not found.`);
export const conflict = (code: CodeOfKind<'conflict'>, message: string) => new DomainError('conflict', code, message);
export const forbidden = (code: CodeOfKind<'forbidden'>, message = 'You are not allowed to do this.') => new DomainError('forbidden', code, message);
export const unauthenticated = (code: CodeOfKind<'unauthenticated'>, message = 'Authentication required.') =>
  new DomainError('unauthenticated', code, message);
export const invalid = (code: CodeOfKind<'validation'>, message: string, field?: string) =>
  new DomainError('validation', code, message, field ? [{ field, message }] : undefined);
