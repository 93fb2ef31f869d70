import { transition, type CallParties } from './call-state.js';

const ringing: CallParties = { status: 'ringing', callerId: 'tech', calleeId: 'cust' };
const active: CallParties = { ...ringing, status: 'active' };

describe('call transitions', () => {
  it('the callee answers or declines a ringing call; the caller cannot answer for them', () => {
    expect(transition(ringing, 'accept', 'cust')).toEqual({ to: 'active' });
    expect(transition(ringing, 'decline', 'cust')).toEqual({ to: 'declined' });
    expect(transition(ringing, 'accept', 'tech')).toEqual({ error: 'CALL.NOT_CALLEE' });
    expect(transition(ringing, 'decline', 'tech')).toEqual({ error: 'CALL.NOT_CALLEE' });
  });

  it('hanging up ends an active call, and turns a ringing one into declined (callee) or missed (caller withdrew)', () => {
    expect(transition(active, 'hangup', 'tech')).toEqual({ to: 'ended' });
    expect(transition(active, 'hangup', 'cust')).toEqual({ to: 'ended' });
    expect(transition(ringing, 'hangup', 'cust')).toEqual({ to: 'declined' });
    expect(transition(ringing, 'hangup', 'tech')).toEqual({ to: 'missed' });
  });

  it('a ring nobody answers is missed; an answered call does not time out', () => {
    expect(transition(ringing, 'timeout', null)).toEqual({ to: 'missed' });
    expect(transition(active, 'timeout', null)).toEqual({ error: 'CALL.NOT_RINGING' });
    expect(transition(active, 'accept', 'cust')).toEqual({ error: 'CALL.NOT_RINGING' });
  });

  it('a finished call stays finished, and someone else’s call does not exist for you', () => {
    for (const status of ['ended', 'declined', 'missed'] as const) {
      for (const action of ['accept', 'decline', 'hangup'] as const) expect(transition({ ...ringing, status }, action, 'cust')).toEqual({ error: 'CALL.OVER' });
      expect(transition({ ...ringing, status }, 'timeout', null)).toEqual({ error: 'CALL.OVER' });
    }
    expect(transition(ringing, 'accept', 'someone-else')).toEqual({ error: 'CALL.NOT_FOUND' });
    expect(transition(active, 'hangup', 'someone-else')).toEqual({ error: 'CALL.NOT_FOUND' });
  });
});
