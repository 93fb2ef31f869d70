import { jest } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/configuration.js';
import type { DomainEvents } from '../common/events/domain-events.js';
import type { RedisConnections } from '../infra/redis-connections.js';
import { InProcessRevocationStore, SessionRevocations } from './session-revocations.js';

const config = { auth: { accessTtlMs: 15 * 60_000 } } as AppConfig;
const inProcess = { enabled: false } as RedisConnections;
const session = { sub: 'user-1', sid: 'family-1' };
const published = () => {
  const events: unknown[] = [];
  return { events, bus: { publishNow: (name: string, payload: unknown) => events.push({ name, payload }) } as unknown as DomainEvents };
};

describe('SessionRevocations (in-process, one instance)', () => {
  it('refuses a revoked session, leaves the user’s other sessions alone, and tells chat to close its sockets', async () => {
    const { events, bus } = published();
    const revocations = new SessionRevocations(config, inProcess, bus);
    await revocations.revokeSessions(['family-1', 'family-1']);
    expect(await revocations.isRevoked(session)).toBe(true);
    expect(await revocations.isRevoked({ sub: 'user-1', sid: 'family-2' })).toBe(false);
    expect(events).toEqual([{ name: 'sessions.revoked', payload: { sessionIds: ['family-1'] } }]);
    await revocations.revokeSessions([]);
    expect(events).toHaveLength(1);
  });

  it('refuses every session of a deactivated user until reactivated', async () => {
    const { events, bus } = published();
    const revocations = new SessionRevocations(config, inProcess, bus);
    await revocations.userDeactivated('user-1');
    expect(events).toEqual([{ name: 'user.deactivated', payload: { userId: 'user-1' } }]);
    expect(await revocations.isRevoked({ sub: 'user-1', sid: 'any-family' })).toBe(true);
    expect(await revocations.isRevoked({ sub: 'user-2', sid: 'any-family' })).toBe(false);
    await revocations.userReactivated('user-1');
    expect(await revocations.isRevoked({ sub: 'user-1', sid: 'any-family' })).toBe(false);
  });
});

describe('InProcessRevocationStore', () => {
  it('forgets a mark once it has outlived the tokens it stops', async () => {
    let now = 1_000;
    const store = new InProcessRevocationStore(() => now);
    await store.mark(['family:a'], 500);
    now = 1_499;
    expect(await store.anyMarked(['family:a'])).toBe(true);
    now = 1_500;
    expect(await store.anyMarked(['family:a'])).toBe(false);
  });
});

describe('SessionRevocations on Redis', () => {
  const onRedis = (redis: Partial<Redis>, bus = published().bus) =>
    new SessionRevocations(config, { enabled: true, command: redis as Redis, prefix: 'rh:' } as RedisConnections, bus);

  it('keeps marks under the deployment prefix, for the access token lifetime plus clock skew', async () => {
    const set = jest.fn();
    const exec = jest.fn(async () => [[null, 'OK']]);
    const exists = jest.fn(async () => 1);
    const revocations = onRedis({ multi: () => ({ set, exec }) as never, exists: exists as never });

    await revocations.revokeSessions(['family-1', 'family-1']);
    expect(set).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledWith('rh:revoked:family:family-1', '1', 'PX', 16 * 60_000);
    expect(await revocations.isRevoked(session)).toBe(true);
    expect(exists).toHaveBeenCalledWith('rh:revoked:family:family-1', 'rh:revoked:user:user-1');
  });

  it('answers 503 rather than letting a token through when Redis cannot be asked', async () => {
    const revocations = onRedis({ exists: jest.fn(async () => { throw new Error('connect ECONNREFUSED'); }) as never });
    await expect(revocations.isRevoked(session)).rejects.toMatchObject({ kind: 'unavailable', code: 'AUTH.SESSIONS_UNAVAILABLE' });
  });

  it('fails the revocation loudly when Redis refuses a write', async () => {
    const exec = jest.fn(async () => [[new Error('READONLY'), null]]);
    const { events, bus } = published();
    const revocations = onRedis({ multi: () => ({ set: jest.fn(), exec }) as never }, bus);
    await expect(revocations.userDeactivated('user-1')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(events).toEqual([]);
  });
});
