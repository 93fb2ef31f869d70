import { BadRequestException, NotFoundException } from '@nestjs/common';
import { conflict, DomainError, invalid } from './domain-error.js';
import { RateLimitedError, toProblem } from './to-problem.js';

const context = { instance: '/api/v1/things', requestId: 'req-1' };

describe('toProblem', () => {
  it('maps a domain conflict to 409 with its stable code', () => {
    const { problem } = toProblem(conflict('QUOTE.EXPIRED', 'This quote has expired.'), context);
    expect(problem).toMatchObject({ status: 409, code: 'QUOTE.EXPIRED', detail: 'This quote has expired.', requestId: 'req-1', title: 'Conflict' });
  });

  it('keeps field errors of a validation failure', () => {
    const { problem } = toProblem(invalid('REQUEST.INVALID', 'email must be an email', 'email'), context);
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'email', message: 'email must be an email' }]);
  });

  it('answers a saturated database pool with 503 SERVICE.BUSY and Retry-After, also when wrapped', () => {
    const poolWait = new Error('timeout exceeded when trying to connect');
    for (const error of [poolWait, Object.assign(new Error('query failed'), { cause: poolWait })]) {
      const { problem, headers, unexpected } = toProblem(error, context);
      expect(problem).toMatchObject({ status: 503, code: 'SERVICE.BUSY' });
      expect(headers['retry-after']).toBe('1');
      expect(unexpected).toBe(false);
    }
    expect(toProblem(new Error('timeout'), context).problem.status).toBe(500);
  });

  it('answers an unreachable or restarting database with 503 SERVICE.UNAVAILABLE, logged, with nothing internal in the body', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shuttingDown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const queryFailed = Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('the database system is starting up'), { code: '57P03' }) });
    const lost = new Error('Connection terminated unexpectedly');
    const linkDown = Object.assign(new Error('server closed the connection'), { code: '08006' });
    for (const error of [refused, shuttingDown, queryFailed, lost, linkDown, Object.assign(new Error('wrapped'), { cause: refused })]) {
      const { problem, headers, unexpected } = toProblem(error, context);
      expect(problem).toMatchObject({ status: 503, code: 'SERVICE.UNAVAILABLE' });
      expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|5432|57P|administrator|terminated/);
      expect(headers['retry-after']).toBe('2');
      expect(unexpected).toBe(true);
    }
    expect(toProblem(Object.assign(new Error('duplicate key'), { code: '23505' }), context).problem.status).toBe(500);
  });

  it('answers an outage of ours with 503 and Retry-After, logged when it wraps the failure', () => {
    const outage = Object.assign(new DomainError('unavailable', 'AUTH.SESSIONS_UNAVAILABLE', 'Sign-in is briefly unavailable.'), {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:6379'),
    });
    const { problem, headers, unexpected } = toProblem(outage, context);
    expect(problem).toMatchObject({ status: 503, code: 'AUTH.SESSIONS_UNAVAILABLE', detail: 'Sign-in is briefly unavailable.' });
    expect(JSON.stringify(problem)).not.toContain('ECONNREFUSED');
    expect(headers['retry-after']).toBe('1');
    expect(unexpected).toBe(true);
    expect(toProblem(conflict('QUOTE.EXPIRED', 'Expired.'), context).unexpected).toBe(false);
  });

  it('sets Retry-After on rate limiting', () => {
    const { problem, headers } = toProblem(new RateLimitedError(2.2), context);
    expect(problem.status).toBe(429);
    expect(headers['retry-after']).toBe('3');
  });

  it('turns Nest HTTP exceptions and Fastify parser errors into problems', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'), context).problem).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
    expect(toProblem(new BadRequestException(['a', 'b']), context).problem.detail).toBe('a; b');
    const tooLarge = Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    expect(toProblem(tooLarge, context).problem).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
  });

  it('hides everything about an unexpected error', () => {
    const result = toProblem(new Error('password=hunter2 at db.ts:42'), context);
    expect(result.unexpected).toBe(true);
    expect(result.problem.status).toBe(500);
    expect(JSON.stringify(result.problem)).not.toMatch(/hunter2|db\.ts/);
  });
});
