import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from '../errors/to-problem.js';

/** The stock guard, answering with our problem body (the budget's `errorMessage`) and a plain `Retry-After`. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(Math.max(detail.timeToBlockExpire, detail.timeToExpire), await this.getErrorMessage(context, detail));
  }
}
