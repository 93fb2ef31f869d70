import type { ErrorCode } from './errors.js';

/** RFC 9457 problem details as every error response carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Stable domain code from the catalogue (`ERROR_CODES`), e.g. `QUOTE.EXPIRED`. */
  code: ErrorCode;
  /** Equals the `x-request-id` response header. */
  requestId: string;
  errors?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
}

/** Cursor-paginated list, as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 20;
