import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

import { loginFailureDelayMs } from './login-delay.js';

const WINDOW_MS = 15 * 60_000;

/**
 * Counts failed logins per account (in the shared throttler storage, so every instance sees them)
 * and slows further answers for that account exponentially. Unlike a lockout, the owner can still
 * sign in a few seconds later; an attacker spraying one account from many IPs is slowed down.
 */
@Injectable()
export class LoginFailuresService {
  constructor(@Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage) {}

  async recordFailure(email: string): Promise<number> {
    const { totalHits } = await this.storage.increment(`login-fail:${email}`, WINDOW_MS, Number.MAX_SAFE_INTEGER, 0, 'login-fail');
    return totalHits;
  }

  delayFor(failures: number): number {
    return loginFailureDelayMs(failures);
  }
}
