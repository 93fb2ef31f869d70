import { SetMetadata, type ExecutionContext } from '@nestjs/common';

export const AUTH_THROTTLED = 'authThrottled';

/** Marks routes that get the tight per-IP and per-email budgets on top of the general one. */
export const AuthThrottle = () => SetMetadata(AUTH_THROTTLED, true);

export function isAuthThrottled(context: ExecutionContext): boolean {
  return Boolean(Reflect.getMetadata(AUTH_THROTTLED, context.getHandler()) ?? Reflect.getMetadata(AUTH_THROTTLED, context.getClass()));
}
