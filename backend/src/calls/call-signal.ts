import { CALL_SDP_MAX_LENGTH, type CallSignal } from '@repairhub/contracts';
import { invalid } from '../common/errors/domain-error.js';

const DESCRIPTION_TYPES = new Set(['offer', 'answer', 'pranswer', 'rollback']);
const bad = (message: string, field: string) => invalid('REQUEST.INVALID', message, field);

const optionalString = (value: unknown, max: number, field: string): string | null | undefined => {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string' || value.length > max) throw bad(`${field} must be a string of at most ${max} characters`, field);
  return value;
};

/**
 * The one SDP description or ICE candidate of a `call:signal`, rebuilt from known fields only, so
 * nothing else a client adds is relayed to the other side.
 */
export function callSignalOf(p: Record<string, unknown>): CallSignal {
  const hasDescription = p.description !== undefined;
  if (hasDescription === (p.candidate !== undefined)) throw bad('Send either description or candidate.', 'description');
  if (hasDescription) {
    const d = p.description as Record<string, unknown> | null;
    if (typeof d !== 'object' || d === null || typeof d.type !== 'string' || !DESCRIPTION_TYPES.has(d.type)) {
      throw bad('description must be {type: offer|answer|pranswer|rollback, sdp}', 'description');
    }
    const sdp = optionalString(d.sdp, CALL_SDP_MAX_LENGTH, 'description.sdp');
    return { description: { type: d.type as 'offer', ...(sdp ? { sdp } : {}) } };
  }
  if (p.candidate === null) return { candidate: null };
  const c = p.candidate as Record<string, unknown>;
  if (typeof c !== 'object' || typeof c.candidate !== 'string' || c.candidate.length > 2000) {
    throw bad('candidate must be an RTCIceCandidate (candidate, sdpMid, sdpMLineIndex)', 'candidate');
  }
  const index = c.sdpMLineIndex;
  if (index !== undefined && index !== null && (!Number.isInteger(index) || (index as number) < 0 || (index as number) > 255)) {
    throw bad('candidate.sdpMLineIndex must be a small whole number', 'candidate.sdpMLineIndex');
  }
  return {
    candidate: {
      candidate: c.candidate,
      sdpMid: optionalString(c.sdpMid, 64, 'candidate.sdpMid') ?? null,
      sdpMLineIndex: (index as number | null | undefined) ?? null,
      usernameFragment: optionalString(c.usernameFragment, 256, 'candidate.usernameFragment') ?? null,
    },
  };
}
