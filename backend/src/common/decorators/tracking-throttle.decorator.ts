import { SetMetadata, type ExecutionContext } from '@nestjs/common';

const TRACKING_THROTTLED = 'trackingThrottled';

/** Marks the public status page's routes: a budget of their own per IP, so guessing tokens is slow. */
export const TrackingThrottle = () => SetMetadata(TRACKING_THROTTLED, true);

export function isTrackingThrottled(context: ExecutionContext): boolean {
  return Boolean(Reflect.getMetadata(TRACKING_THROTTLED, context.getHandler()));
}
