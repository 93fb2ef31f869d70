import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import type { ProblemDetails } from '@repairhub/contracts';
import { applyProblem, readProblem } from './problem';

function problemResponse(status: number, body: Partial<ProblemDetails>, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    error: { type: 'about:blank', title: 'x', status, instance: '/api/v1/x', requestId: 'req-1', ...body },
    headers: new HttpHeaders(headers),
  });
}

describe('readProblem', () => {
  it('uses the server detail and code, and groups field messages as sentences', () => {
    const problem = readProblem(
      problemResponse(400, {
        code: 'REQUEST.INVALID',
        detail: 'password must be at least 8 characters; email must be a valid email address',
        errors: [
          { field: 'password', message: 'password must be at least 8 characters' },
          { field: 'email', message: 'email must be a valid email address' },
        ],
      }),
    );
    expect(problem.code).toBe('REQUEST.INVALID');
    expect(problem.fieldErrors).toEqual({
      password: ['Password must be at least 8 characters.'],
      email: ['Email must be a valid email address.'],
    });
  });

  it('hides server internals behind a reference on 5xx', () => {
    const problem = readProblem(problemResponse(500, { detail: 'An unexpected error occurred.' }));
    expect(problem.message).toBe('Something went wrong on our side. Please try again. (Reference: req-1)');
  });

  it('explains an unreachable server and a rate limit in plain words', () => {
    expect(readProblem(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') })).message).toContain("Can't reach RepairHub");
    const limited = readProblem(problemResponse(429, { detail: 'Too many requests. Please wait before trying again.' }, { 'retry-after': '30' }));
    expect(limited.message).toBe('Too many requests. Please wait before trying again (about 30 s).');
  });

  it('unwraps errors that a resource wrapped', () => {
    const wrapped = new Error('Resource failed', { cause: problemResponse(404, { code: 'REPAIR.NOT_FOUND', detail: 'Repair not found.' }) });
    expect(readProblem(wrapped)).toMatchObject({ status: 404, code: 'REPAIR.NOT_FOUND', message: 'Repair not found.' });
  });
});

describe('applyProblem', () => {
  const form = () => new FormGroup({ email: new FormControl(''), password: new FormControl('') });

  it('puts each message on its field and returns nothing when all found a place', () => {
    const f = form();
    const rest = applyProblem(f, readProblem(problemResponse(400, { detail: 'x', errors: [{ field: 'email', message: 'email is already registered' }] })));
    expect(rest).toBeNull();
    expect(f.controls.email.errors).toEqual({ server: 'Email is already registered.' });
    expect(f.controls.email.touched).toBe(true);
    expect(f.controls.password.errors).toBeNull();
  });

  it('returns the general message for errors that belong to no field', () => {
    const f = form();
    expect(applyProblem(f, readProblem(problemResponse(401, { code: 'AUTH.INVALID_CREDENTIALS', detail: 'Invalid email or password.' })))).toBe(
      'Invalid email or password.',
    );
    expect(applyProblem(f, readProblem(problemResponse(400, { detail: 'urgency must be one of …', errors: [{ field: 'urgency', message: 'bad' }] })))).toBe(
      'Urgency must be one of ….',
    );
  });
});
