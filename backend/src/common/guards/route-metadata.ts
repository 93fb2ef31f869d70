import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- what ExecutionContext hands out
type Target = Function;

/**
 * Route metadata read once per handler and class, then served from memory: the global guards ask the
 * same questions (public? which roles? which budgets?) on every request, and the answers are fixed
 * when the app starts. `read` gets the reflector and the [handler, class] pair on the first request.
 */
export class RouteMetadata<T> {
  private readonly byHandler = new WeakMap<Target, WeakMap<Target, { value: T }>>();

  constructor(private readonly read: (reflector: Reflector, targets: [Target, Target]) => T) {}

  of(reflector: Reflector, context: ExecutionContext): T {
    const handler = context.getHandler();
    const type = context.getClass();
    let byClass = this.byHandler.get(handler);
    if (!byClass) this.byHandler.set(handler, (byClass = new WeakMap()));
    let cached = byClass.get(type);
    if (!cached) byClass.set(type, (cached = { value: this.read(reflector, [handler, type]) }));
    return cached.value;
  }
}

/** The route's own metadata under `key`, or its class's. */
export const overridden = <T>(key: string) =>
  new RouteMetadata<T | undefined>((reflector, targets) => reflector.getAllAndOverride<T | undefined>(key, targets));
