/** A video call's life: ringing → active → ended, or ringing → declined | missed (not answered in time, or cancelled). */
export type CallStatus = 'ringing' | 'active' | 'ended' | 'declined' | 'missed';

export interface CallView {
  id: string;
  conversationId: string;
  repairRequestId: string;
  callerId: string;
  callerName: string;
  calleeId: string;
  status: CallStatus;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
}

/** The browser's `RTCIceServer`, as the server hands it out (TURN entries carry short-lived credentials). */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** One WebRTC negotiation message: an SDP offer/answer or an ICE candidate (`null` = end of candidates). */
export type CallSignal =
  | { description: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp?: string } }
  | { candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null } | null };

/** Longest SDP accepted for relaying (a two-track session is a few kB). */
export const CALL_SDP_MAX_LENGTH = 20_000;

/** `4 min 12 s`, `45 s`, `1 h 2 min`: a call's length as both people read it. */
export function formatCallDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${seconds} s`;
}

/** `04:12` / `1:02:03`: the running clock of the in-call view. */
export function formatCallClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const rest = `${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return h > 0 ? `${h}:${rest}` : rest;
}
