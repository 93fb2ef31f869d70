import { DomainError } from '../common/errors/domain-error.js';
import { callSignalOf } from './call-signal.js';

const refused = (p: Record<string, unknown>) => {
  try {
    callSignalOf(p);
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
  return 'relayed';
};

describe('call:signal payloads', () => {
  it('relays one description or candidate, rebuilt from its known fields', () => {
    expect(callSignalOf({ description: { type: 'offer', sdp: 'v=0', extra: 'x' } })).toEqual({ description: { type: 'offer', sdp: 'v=0' } });
    expect(callSignalOf({ candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, foo: 1 } })).toEqual({
      candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null },
    });
    expect(callSignalOf({ candidate: null })).toEqual({ candidate: null });
  });

  it('refuses both, neither, or malformed ones', () => {
    expect(refused({})).toBe('REQUEST.INVALID');
    expect(refused({ description: { type: 'offer', sdp: '' }, candidate: null })).toBe('REQUEST.INVALID');
    expect(refused({ description: { type: 'hello', sdp: 'v=0' } })).toBe('REQUEST.INVALID');
    expect(refused({ description: { type: 'offer', sdp: 'x'.repeat(20_001) } })).toBe('REQUEST.INVALID');
    expect(refused({ candidate: { candidate: 5 } })).toBe('REQUEST.INVALID');
    expect(refused({ candidate: { candidate: 'c', sdpMLineIndex: -1 } })).toBe('REQUEST.INVALID');
    expect(refused({ candidate: { candidate: 'c', sdpMid: { a: 1 } } })).toBe('REQUEST.INVALID');
  });
});
