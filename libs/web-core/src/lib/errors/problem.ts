import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup } from '@angular/forms';
import type { ErrorCode, ProblemDetails } from '@repairhub/contracts';

/** What a screen needs from a failed request: one sentence for people, and messages per field. */
export interface ProblemMessage {
  status: number;
  /** Stable domain code from the catalogue, such as `QUOTE.EXPIRED`, when the server sent one. */
  code: ErrorCode | null;
  message: string;
  fieldErrors: Record<string, string[]>;
  requestId: string | null;
}

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && 'status' in body && ('detail' in body || 'title' in body);
}

/** Server messages start with the field name in lower case ("password must be..."): make them sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const FALLBACK: Record<number, string> = {
  0: "Can't reach RepairHub. Check your connection and try again.",
  401: 'Your session has ended. Please sign in again.',
  403: "You don't have access to this.",
  404: "We couldn't find that. It may have been removed.",
  409: 'This changed in the meantime. Reload and try again.',
  413: 'That is too large to send.',
  429: 'Too many attempts. Please wait a moment and try again.',
};

/** Turns any error from the API client into a `ProblemMessage` (problem+json when present). */
export function readProblem(error: unknown): ProblemMessage {
  // Resources wrap values that are not `Error`s (HttpErrorResponse is not) and keep them as `cause`.
  if (!(error instanceof HttpErrorResponse) && error instanceof Error && error.cause instanceof HttpErrorResponse) error = error.cause;
  if (!(error instanceof HttpErrorResponse)) {
    return { status: -1, code: null, message: 'Something went wrong. Please try again.', fieldErrors: {}, requestId: null };
  }
  const body: unknown = error.error;
  const problem = isProblem(body) ? body : null;
  const requestId = problem?.requestId ?? error.headers?.get('x-request-id') ?? null;
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, message } of problem?.errors ?? []) (fieldErrors[field] ??= []).push(sentence(message));

  let message: string;
  if (error.status >= 500 || (!problem && error.status > 0 && !(error.status in FALLBACK))) {
    message = `Something went wrong on our side. Please try again.${requestId ? ` (Reference: ${requestId})` : ''}`;
  } else if (problem?.detail && error.status !== 0) {
    message = sentence(problem.detail);
  } else {
    message = FALLBACK[error.status] ?? 'Something went wrong. Please try again.';
  }
  if (error.status === 429) {
    const wait = Number(error.headers?.get('retry-after'));
    if (wait > 0) message = `${message.replace(/\.$/, '')} (about ${wait} s).`;
  }
  return { status: error.status, code: problem?.code ?? null, message, fieldErrors, requestId };
}

/**
 * Puts the server's field messages on the matching form controls (error key `server`) and returns
 * the message that belongs to no field — the caller shows it above the form or as a toast. Returns
 * null when every message found its field.
 */
export function applyProblem(form: FormGroup, problem: ProblemMessage): string | null {
  let unplaced = false;
  for (const [field, messages] of Object.entries(problem.fieldErrors)) {
    const control: AbstractControl | null = form.get(field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: messages.join(' ') });
      control.markAsTouched();
    } else {
      unplaced = true;
    }
  }
  const placedAll = Object.keys(problem.fieldErrors).length > 0 && !unplaced;
  return placedAll ? null : problem.message;
}
