import { STATUS_CODES } from 'node:http';
import type { ErrorCode, FieldError, ProblemDetails } from '@repairhub/contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const DEFAULT_CODES: Record<number, ErrorCode> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  409: 'REQUEST.CONFLICT',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function defaultCode(status: number): ErrorCode {
  return DEFAULT_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.ERROR');
}

export function buildProblem(input: {
  status: number;
  code?: ErrorCode;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}): ProblemDetails {
  const code = input.code ?? defaultCode(input.status);
  return {
    type: `https://docs.repairhub.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: STATUS_CODES[input.status] ?? 'Error',
    status: input.status,
    detail: input.detail,
    instance: input.instance,
    code,
    requestId: input.requestId,
    ...(input.errors?.length ? { errors: input.errors } : {}),
  };
}
