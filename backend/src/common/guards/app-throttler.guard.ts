import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { UNTHROTTLED } from '../decorators/unthrottled.decorator.js';
import { RateLimitedError } from '../errors/to-problem.js';
import { MemoizedReflector, overridden } from './route-metadata.js';

const unthrottled = overridden<boolean>(UNTHROTTLED);

/**
 * The stock guard, answering with our problem body (the budget's `errorMessage`) and a plain `Retry-After`.
 * Its budgets are per HTTP client (IP, API key, email in the body), so it counts HTTP requests only: a
 * Socket.IO event has none of those and is budgeted by the gateway's token bucket per socket.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage) {
    super(options, storage, new MemoizedReflector());
  }

  override canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    return super.canActivate(context);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(unthrottled.of(this.reflector, context) === true);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(Math.max(detail.timeToBlockExpire, detail.timeToExpire), await this.getErrorMessage(context, detail));
  }
}
