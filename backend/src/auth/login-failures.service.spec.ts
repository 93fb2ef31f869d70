import type { ThrottlerStorage } from '@nestjs/throttler';
import { LoginFailuresService } from './login-failures.service.js';

describe('LoginFailuresService', () => {
  const service = new LoginFailuresService({} as ThrottlerStorage);

  it('lets the first few failures through without delay, then doubles it up to a cap', () => {
    expect([1, 2, 3].map((n) => service.delayFor(n))).toEqual([0, 0, 0]);
    expect(service.delayFor(4)).toBe(200);
    expect(service.delayFor(5)).toBe(400);
    expect(service.delayFor(6)).toBe(800);
    expect(service.delayFor(50)).toBe(3000);
  });
});
