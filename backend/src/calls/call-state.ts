import type { CallStatus, ErrorCode } from '@repairhub/contracts';

export type CallAction = 'accept' | 'decline' | 'hangup' | 'timeout';

export interface CallParties {
  status: CallStatus;
  callerId: string;
  calleeId: string;
}

/** Where an action takes a call, or the stable code refusing it. `actorId` is null for the ring timeout. */
export type Transition = { to: CallStatus } | { error: Extract<ErrorCode, 'CALL.NOT_FOUND' | 'CALL.NOT_CALLEE' | 'CALL.NOT_RINGING' | 'CALL.OVER'> };

/**
 * The call's state machine. Only the callee answers or declines; either side hangs up, which ends an
 * active call, declines a ringing one (callee) or withdraws it (caller: the callee missed it); a ring
 * nobody answered is missed. Ended, declined and missed are final.
 */
export function transition(call: CallParties, action: CallAction, actorId: string | null): Transition {
  if (actorId !== null && actorId !== call.callerId && actorId !== call.calleeId) return { error: 'CALL.NOT_FOUND' };
  if (call.status !== 'ringing' && call.status !== 'active') return { error: 'CALL.OVER' };
  switch (action) {
    case 'accept':
    case 'decline':
      if (actorId !== call.calleeId) return { error: 'CALL.NOT_CALLEE' };
      if (call.status !== 'ringing') return { error: 'CALL.NOT_RINGING' };
      return { to: action === 'accept' ? 'active' : 'declined' };
    case 'hangup':
      if (call.status === 'active') return { to: 'ended' };
      return { to: actorId === call.calleeId ? 'declined' : 'missed' };
    case 'timeout':
      return call.status === 'ringing' ? { to: 'missed' } : { error: 'CALL.NOT_RINGING' };
  }
}
