import { BadRequestException } from '@nestjs/common';
import { forbidden, invalid } from './domain-error.js';
import { RateLimitedError } from './to-problem.js';
import { toAckError } from './to-ack-error.js';

describe('toAckError', () => {
  it('carries the same code and message as the REST problem body', () => {
    expect(toAckError(forbidden('REPAIR.NOT_ASSIGNED', 'Not yours.'), 'message:send')).toEqual({
      ack: { ok: false, error: { code: 'REPAIR.NOT_ASSIGNED', message: 'Not yours.' } },
      unexpected: false,
    });
    expect(toAckError(invalid('REQUEST.INVALID', 'content must not be empty', 'content'), 'x').ack.error.code).toBe('REQUEST.INVALID');
  });

  it('tells a rate-limited client when to retry', () => {
    expect(toAckError(new RateLimitedError(0.2), 'typing').ack.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
  });

  it('hides unexpected errors behind a generic message and flags them for logging', () => {
    const result = toAckError(new Error('relation "secret_table" does not exist'), 'message:send');
    expect(result.unexpected).toBe(true);
    expect(result.ack.error.message).not.toContain('secret_table');
    expect(toAckError(new BadRequestException('bad'), 'x').unexpected).toBe(false);
  });
});
