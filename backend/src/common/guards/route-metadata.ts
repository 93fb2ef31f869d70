import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

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

/**
 * A Reflector answering `getAllAndOverride(key, [handler, class])` from memory after the first read, for a
 * guard we do not write: the throttler asks for each of its seven budgets whether the route skips it, and
 * for the budgets that apply its limit, window, block, tracker and key generator, on every request.
 */
export class MemoizedReflector extends Reflector {
  private readonly byHandler = new WeakMap<Target, WeakMap<Target, Map<unknown, unknown>>>();

  override getAllAndOverride(key: any, targets: Target[]): any {
    const [handler, type] = targets;
    if (targets.length !== 2 || !handler || !type) return super.getAllAndOverride(key, targets);
    let byClass = this.byHandler.get(handler);
    if (!byClass) this.byHandler.set(handler, (byClass = new WeakMap()));
    let byKey = byClass.get(type);
    if (!byKey) byClass.set(type, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, super.getAllAndOverride(key, targets));
    return byKey.get(key);
  }
}
