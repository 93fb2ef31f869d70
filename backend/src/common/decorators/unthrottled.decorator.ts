import { SetMetadata } from '@nestjs/common';

export const UNTHROTTLED = 'unthrottled';

/**
 * No rate-limit budget applies to this route (health probes, polled by every load balancer). Unlike
 * `@SkipThrottle()`, which names budgets one by one and still has the guard walk all of them per
 * request, the guard lets these through at once.
 */
export const Unthrottled = () => SetMetadata(UNTHROTTLED, true);
