import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/configuration.js';
import { DomainError } from '../common/errors/domain-error.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { RedisConnections } from '../infra/redis-connections.js';

/** Marks that expire by themselves: in Redis (shared by every instance) or in this process. */
export interface RevocationStore {
  mark(keys: string[], ttlMs: number): Promise<void>;
  clear(key: string): Promise<void>;
  anyMarked(keys: string[]): Promise<boolean>;
}

export class InProcessRevocationStore implements RevocationStore {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async mark(keys: string[], ttlMs: number): Promise<void> {
    const until = this.now() + ttlMs;
    for (const key of keys) this.until.set(key, until);
    if (this.until.size > 10_000) this.sweep();
  }

  async clear(key: string): Promise<void> {
    this.until.delete(key);
  }

  async anyMarked(keys: string[]): Promise<boolean> {
    const now = this.now();
    return keys.some((key) => (this.until.get(key) ?? 0) > now);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
  }
}

export class RedisRevocationStore implements RevocationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async mark(keys: string[], ttlMs: number): Promise<void> {
    if (keys.length === 0) return;
    const batch = this.redis.multi();
    for (const key of keys) batch.set(this.prefix + key, '1', 'PX', ttlMs);
    const results = await batch.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction aborted');
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async anyMarked(keys: string[]): Promise<boolean> {
    return (await this.redis.exists(...keys.map((key) => this.prefix + key))) > 0;
  }
}

/** What a verified access token says about its session. */
export interface SessionClaims {
  sub: string;
  sid: string;
}

/** Clock skew allowed beyond the access token lifetime before a mark may lapse. */
const SKEW_MS = 60_000;

/**
 * Lets every instance refuse, at once, access tokens of a revoked session (sign-out, refresh-token
 * reuse, an admin's role change) or of a deactivated user — without reading the database on each
 * request. A mark only has to outlive the access tokens it stops: refresh and sign-in re-check the
 * database. Redis when `REDIS_URL` is set; otherwise (a single instance) this process's memory.
 * Unreachable Redis refuses requests with 503 rather than letting a revoked token through.
 * Each revocation is also published, so chat closes the sockets those sessions opened.
 */
@Injectable()
export class SessionRevocations {
  private readonly store: RevocationStore;
  private readonly ttlMs: number;

  constructor(
    config: AppConfig,
    redis: RedisConnections,
    private readonly events: DomainEvents,
  ) {
    this.store = redis.enabled ? new RedisRevocationStore(redis.command, `${redis.prefix}revoked:`) : new InProcessRevocationStore();
    this.ttlMs = config.auth.accessTtlMs + SKEW_MS;
  }

  async revokeSessions(familyIds: string[]): Promise<void> {
    const sessionIds = [...new Set(familyIds)];
    if (sessionIds.length === 0) return;
    await this.guard(() => this.store.mark(sessionIds.map(familyKey), this.ttlMs));
    this.events.publishNow('sessions.revoked', { sessionIds });
  }

  async userDeactivated(userId: string): Promise<void> {
    await this.guard(() => this.store.mark([userKey(userId)], this.ttlMs));
    this.events.publishNow('user.deactivated', { userId });
  }

  userReactivated(userId: string): Promise<void> {
    return this.guard(() => this.store.clear(userKey(userId)));
  }

  isRevoked(claims: SessionClaims): Promise<boolean> {
    return this.guard(() => this.store.anyMarked([familyKey(claims.sid), userKey(claims.sub)]));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (cause) {
      throw Object.assign(
        new DomainError('unavailable', 'AUTH.SESSIONS_UNAVAILABLE', 'Sign-in is briefly unavailable. Please try again in a moment.'),
        { cause },
      );
    }
  }
}

const familyKey = (familyId: string) => `family:${familyId}`;
const userKey = (userId: string) => `user:${userId}`;
