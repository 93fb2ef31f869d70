/**
 * A token bucket: `burst` tokens, refilled at `perSecond`. One per socket caps how fast a client may
 * emit, whatever the event; time is passed in so the policy is testable without clocks.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token. */
  retryAfterSeconds(): number {
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perSecond;
  }
}

/** At most one pass per `intervalMs` per key (typing indicators). */
export class KeyedThrottle {
  private readonly last = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  pass(key: string, now: number): boolean {
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.intervalMs) return false;
    this.last.set(key, now);
    return true;
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
