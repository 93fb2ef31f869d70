import { Injectable, computed, inject, signal } from '@angular/core';
import { formatCallDuration, type Ack, type CallSignal, type CallView, type ErrorCode, type IceServer } from '@repairhub/contracts';
import { AuthStore } from '../auth/auth-store';
import { ChatConnection, type ChatSocket } from '../chat/chat-connection';

const ACK_TIMEOUT_MS = 10_000;

export type CallPhase = 'idle' | 'starting' | 'calling' | 'ringing' | 'connecting' | 'in-call';

/** What the user reads after a call, or when one could not start. */
export interface CallNotice {
  kind: 'info' | 'error';
  text: string;
}

/** Why the camera or microphone could not be opened, in the user's words. */
export function mediaErrorText(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Camera and microphone access is blocked. Allow it for this site in your browser settings, then try again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera or microphone was found on this device.';
  if (name === 'NotReadableError') return 'The camera or microphone is in use by another app. Close it and try again.';
  if (typeof navigator !== 'undefined' && !navigator.mediaDevices) return 'Video calls need a secure (https) connection and a browser with camera support.';
  return 'The camera or microphone could not be opened.';
}

/** How a finished call reads for the one who sees it end. */
function outcomeText(call: CallView, me: string | undefined): string {
  switch (call.status) {
    case 'ended':
      if (!call.answeredAt || !call.endedAt) return 'Call ended.';
      return `Call ended · ${formatCallDuration((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000)}`;
    case 'declined':
      return call.callerId === me ? 'The call was declined.' : 'You declined the call.';
    case 'missed':
      return call.callerId === me ? 'No answer.' : 'You missed a video call.';
    default:
      return '';
  }
}

class AckError extends Error {
  // A server code from the catalogue, or TIMEOUT when the server never answered.
  constructor(readonly code: ErrorCode | 'TIMEOUT', message: string) {
    super(message);
  }
}

/**
 * The user's one video call at a time: ringing in and out over `/chat`, the camera and microphone,
 * and the `RTCPeerConnection`: the caller makes the first offer, and later renegotiation follows the
 * "perfect negotiation" pattern (the callee is the polite peer: on an offer collision it rolls back,
 * the caller ignores the other offer), so either side may renegotiate without coordinating.
 */
@Injectable({ providedIn: 'root' })
export class VideoCalls {
  private readonly connection = inject(ChatConnection);
  private readonly auth = inject(AuthStore);
  private socket: ChatSocket | null = null;

  private readonly callSignal = signal<CallView | null>(null);
  private readonly phaseSignal = signal<CallPhase>('idle');
  private readonly localSignal = signal<MediaStream | null>(null);
  private readonly remoteSignal = signal<MediaStream | null>(null);
  private readonly mutedSignal = signal(false);
  private readonly cameraOffSignal = signal(false);
  private readonly noticeSignal = signal<{ conversationId: string; notice: CallNotice } | null>(null);
  private readonly connectedAt = signal<number | null>(null);
  private readonly now = signal(Date.now());
  private readonly shown = signal<ReadonlySet<string>>(new Set());

  readonly call = this.callSignal.asReadonly();
  readonly phase = this.phaseSignal.asReadonly();
  readonly localStream = this.localSignal.asReadonly();
  readonly remoteStream = this.remoteSignal.asReadonly();
  readonly muted = this.mutedSignal.asReadonly();
  readonly cameraOff = this.cameraOffSignal.asReadonly();
  readonly notice = this.noticeSignal.asReadonly();
  /** Conversations whose chat is on screen (their call panel shows the call). */
  readonly shownConversations = this.shown.asReadonly();
  /** Seconds since the call was answered, ticking once a second. */
  readonly elapsedSeconds = computed(() => {
    const since = this.connectedAt();
    return since === null ? 0 : Math.max(0, (this.now() - since) / 1000);
  });

  private peer: RTCPeerConnection | null = null;
  private iceServers: IceServer[] = [];
  private polite = false;
  private makingOffer = false;
  private tracksAdded = false;
  private ignoreOffer = false;
  /** Signals are applied one at a time, in arrival order. */
  private signalChain: Promise<void> = Promise.resolve();
  private early: CallSignal[] = [];
  private clock: ReturnType<typeof setInterval> | null = null;

  /** Subscribes to the call events of the current chat socket (again after a new sign-in). */
  listen(): void {
    const socket = this.connection.get();
    if (socket === this.socket) return;
    this.socket = socket;
    socket.on('call:ring', (p) => this.onRing(p.call));
    socket.on('call:updated', (p) => this.onUpdated(p.call));
    socket.on('call:signal', (p) => this.onSignal(p));
    // A dropped connection ends the call on the server: end it here too.
    socket.on('disconnect', () => {
      if (this.callSignal()) this.finish({ kind: 'error', text: 'The connection was lost and the call ended.' });
    });
  }

  /** A call panel for `conversationId` is on screen until the returned function is called. */
  show(conversationId: string): () => void {
    this.shown.update((set) => new Set(set).add(conversationId));
    return () =>
      this.shown.update((set) => {
        const next = new Set(set);
        next.delete(conversationId);
        return next;
      });
  }

  async start(conversationId: string): Promise<void> {
    if (this.phaseSignal() !== 'idle') return;
    this.listen();
    this.noticeSignal.set(null);
    this.phaseSignal.set('starting');
    if (!(await this.openMedia(conversationId))) return;
    try {
      const { call, iceServers } = await this.emit<{ call: CallView; iceServers: IceServer[] }>('call:start', { conversationId });
      this.iceServers = iceServers;
      this.polite = false;
      this.callSignal.set(call);
      this.phaseSignal.set('calling');
    } catch (error) {
      this.reset();
      this.setNotice(conversationId, { kind: 'error', text: (error as Error).message });
    }
  }

  async accept(): Promise<void> {
    const call = this.callSignal();
    if (!call || this.phaseSignal() !== 'ringing') return;
    this.phaseSignal.set('connecting');
    if (!(await this.openMedia(call.conversationId, true))) return;
    try {
      const answer = await this.emit<{ call: CallView; iceServers: IceServer[] }>('call:accept', { callId: call.id });
      this.iceServers = answer.iceServers;
      this.polite = true;
      this.callSignal.set(answer.call);
      this.connectPeer();
    } catch (error) {
      this.finish({ kind: 'error', text: (error as Error).message });
    }
  }

  decline(): void {
    const call = this.callSignal();
    if (!call) return;
    this.socket?.emit('call:decline', { callId: call.id });
    this.finish({ kind: 'info', text: 'You declined the call.' });
  }

  hangUp(): void {
    const call = this.callSignal();
    if (!call) return;
    this.socket?.emit('call:hangup', { callId: call.id });
    // The server's `call:updated` tells the outcome; until then the call is over here.
    this.finish(null);
  }

  toggleMute(): void {
    const muted = !this.mutedSignal();
    this.localSignal()?.getAudioTracks().forEach((t) => (t.enabled = !muted));
    this.mutedSignal.set(muted);
  }

  toggleCamera(): void {
    const off = !this.cameraOffSignal();
    this.localSignal()?.getVideoTracks().forEach((t) => (t.enabled = !off));
    this.cameraOffSignal.set(off);
  }

  dismissNotice(): void {
    this.noticeSignal.set(null);
  }

  private onRing(call: CallView): void {
    // Busy in another call here: another device of mine may still answer it.
    if (this.callSignal()) return;
    this.noticeSignal.set(null);
    this.callSignal.set(call);
    this.phaseSignal.set('ringing');
  }

  private onUpdated(call: CallView): void {
    const mine = this.callSignal();
    if (!mine || mine.id !== call.id) {
      if (call.status !== 'ringing' && call.status !== 'active') this.setNotice(call.conversationId, { kind: 'info', text: outcomeText(call, this.auth.user()?.id) });
      return;
    }
    if (call.status === 'active') {
      this.callSignal.set(call);
      // Answered on another of my devices: this one stops ringing.
      if (this.phaseSignal() === 'ringing') this.finish({ kind: 'info', text: 'Answered on another device.' });
      else if (this.phaseSignal() === 'calling') this.connectPeer();
      return;
    }
    this.finish({ kind: 'info', text: outcomeText(call, this.auth.user()?.id) });
  }

  private onSignal(p: { callId: string } & CallSignal): void {
    if (this.callSignal()?.id !== p.callId) return;
    if (!this.peer) {
      this.early.push(p);
      return;
    }
    this.signalChain = this.signalChain.then(() => this.apply(p)).catch(() => undefined);
  }

  private async openMedia(conversationId: string, keepRinging = false): Promise<boolean> {
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('unsupported');
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } } });
      this.localSignal.set(stream);
      this.mutedSignal.set(false);
      this.cameraOffSignal.set(false);
      return true;
    } catch (error) {
      if (keepRinging) this.phaseSignal.set('ringing');
      else this.reset();
      this.setNotice(conversationId, { kind: 'error', text: mediaErrorText(error) });
      return false;
    }
  }

  private connectPeer(): void {
    const call = this.callSignal();
    const local = this.localSignal();
    if (!call || !local || this.peer) return;
    this.phaseSignal.set('connecting');
    const peer = new RTCPeerConnection({ iceServers: this.iceServers });
    this.peer = peer;
    const send = (signal: CallSignal) => this.socket?.emit('call:signal', { callId: call.id, ...signal });
    peer.onicecandidate = ({ candidate }) => send({ candidate: candidate ? candidate.toJSON() : null } as CallSignal);
    peer.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await peer.setLocalDescription();
        if (peer.localDescription) send({ description: peer.localDescription.toJSON() });
      } finally {
        this.makingOffer = false;
      }
    };
    peer.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? this.remoteSignal() ?? new MediaStream();
      if (!stream.getTracks().includes(track)) stream.addTrack(track);
      this.remoteSignal.set(stream);
    };
    peer.onconnectionstatechange = () => {
      if (peer.connectionState === 'connected' && this.phaseSignal() !== 'in-call') {
        this.phaseSignal.set('in-call');
        this.connectedAt.set(Date.now());
        this.clock = setInterval(() => this.now.set(Date.now()), 1000);
      }
      if (peer.connectionState === 'failed') {
        this.hangUp();
        this.setNotice(call.conversationId, { kind: 'error', text: 'The video connection could not be set up between your networks. Try again, or write in the chat.' });
      }
    };
    // The caller offers; the callee adds its tracks once the offer is in, to the transceivers the offer
    // created, so the first exchange is one offer and one answer with no collision to resolve.
    if (!this.polite) this.addLocalTracks();
    const early = this.early.splice(0);
    for (const signal of early) this.signalChain = this.signalChain.then(() => this.apply(signal)).catch(() => undefined);
  }

  private addLocalTracks(): void {
    const local = this.localSignal();
    if (!this.peer || !local || this.tracksAdded) return;
    this.tracksAdded = true;
    local.getTracks().forEach((track) => this.peer!.addTrack(track, local));
  }

  private async apply(signal: CallSignal): Promise<void> {
    const peer = this.peer;
    if (!peer) return;
    if ('description' in signal) {
      const description = signal.description;
      const collision = description.type === 'offer' && (this.makingOffer || peer.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await peer.setRemoteDescription(description);
      if (description.type === 'offer') {
        this.addLocalTracks();
        await peer.setLocalDescription();
        if (peer.localDescription) this.socket?.emit('call:signal', { callId: this.callSignal()!.id, description: peer.localDescription.toJSON() } as never);
      }
    } else {
      try {
        await peer.addIceCandidate(signal.candidate ?? undefined);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    }
  }

  private finish(notice: CallNotice | null): void {
    const conversationId = this.callSignal()?.conversationId;
    this.reset();
    if (notice && conversationId) this.setNotice(conversationId, notice);
  }

  private reset(): void {
    this.peer?.close();
    this.peer = null;
    this.localSignal()?.getTracks().forEach((t) => t.stop());
    this.localSignal.set(null);
    this.remoteSignal.set(null);
    this.callSignal.set(null);
    this.phaseSignal.set('idle');
    this.connectedAt.set(null);
    if (this.clock) clearInterval(this.clock);
    this.clock = null;
    this.early = [];
    this.signalChain = Promise.resolve();
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.tracksAdded = false;
  }

  private setNotice(conversationId: string, notice: CallNotice): void {
    if (notice.text) this.noticeSignal.set({ conversationId, notice });
  }

  private emit<T>(event: 'call:start' | 'call:accept', payload: object): Promise<T> {
    const socket = this.socket ?? this.connection.get();
    return (socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: string, p: object): Promise<Ack<T>> }).emitWithAck(event, payload).then(
      (ack) => {
        if (!ack.ok) throw new AckError(ack.error.code, ack.error.message);
        return ack as T;
      },
      () => {
        throw new AckError('TIMEOUT', 'The call service did not answer. Check your connection and try again.');
      },
    );
  }
}
