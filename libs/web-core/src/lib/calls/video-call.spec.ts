import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallView } from '@repairhub/contracts';
import { AuthStore } from '../auth/auth-store';
import { ChatConnection } from '../chat/chat-connection';
import { mediaErrorText, VideoCalls } from './video-call';

type Handler = (payload: unknown) => void;

/** Registers listeners, fires server events and records what the client emits. */
class FakeSocket {
  readonly emitted: { event: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Handler[]>();
  on(event: string, handler: Handler): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  emit(event: string, payload: unknown): void {
    this.emitted.push({ event, payload });
  }
  fire(event: string, payload: unknown): void {
    this.handlers.get(event)?.forEach((h) => h(payload));
  }
}

const ringing: CallView = {
  id: 'call-1',
  conversationId: 'conv-1',
  repairRequestId: 'rep-1',
  callerId: 'tech-1',
  callerName: 'Robin Solder',
  calleeId: 'me',
  status: 'ringing',
  createdAt: '2026-12-01T10:00:00.000Z',
  answeredAt: null,
  endedAt: null,
};

describe('VideoCalls', () => {
  let socket: FakeSocket;
  let calls: VideoCalls;

  beforeEach(() => {
    socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        { provide: ChatConnection, useValue: { get: () => socket } },
        { provide: AuthStore, useValue: { user: signal({ id: 'me' }) } },
      ],
    });
    calls = TestBed.inject(VideoCalls);
    calls.listen();
  });

  it('rings, and stops ringing when another of my devices answers', () => {
    socket.fire('call:ring', { call: ringing });
    expect(calls.phase()).toBe('ringing');
    expect(calls.call()?.callerName).toBe('Robin Solder');
    socket.fire('call:updated', { call: { ...ringing, status: 'active', answeredAt: '2026-12-01T10:00:05.000Z' } });
    expect(calls.phase()).toBe('idle');
    expect(calls.notice()).toEqual({ conversationId: 'conv-1', notice: { kind: 'info', text: 'Answered on another device.' } });
  });

  it('declines, and tells the caller’s withdrawal as a missed call', () => {
    socket.fire('call:ring', { call: ringing });
    calls.decline();
    expect(socket.emitted).toEqual([{ event: 'call:decline', payload: { callId: 'call-1' } }]);
    expect(calls.phase()).toBe('idle');
    expect(calls.notice()?.notice.text).toBe('You declined the call.');

    socket.fire('call:ring', { call: { ...ringing, id: 'call-2' } });
    socket.fire('call:updated', { call: { ...ringing, id: 'call-2', status: 'missed', endedAt: '2026-12-01T10:00:09.000Z' } });
    expect(calls.call()).toBeNull();
    expect(calls.notice()?.notice.text).toBe('You missed a video call.');
  });

  it('tells the length of a call that ended elsewhere, and ignores signalling for other calls', () => {
    socket.fire('call:signal', { callId: 'nope', from: 'x', candidate: null });
    socket.fire('call:updated', { call: { ...ringing, status: 'ended', answeredAt: '2026-12-01T10:00:00.000Z', endedAt: '2026-12-01T10:04:12.000Z' } });
    expect(calls.notice()?.notice.text).toBe('Call ended · 4 min 12 s');
  });

  it('does not ring out when the camera is refused, and says why', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: () => Promise.reject(denied) }, configurable: true });
    await calls.start('conv-1');
    expect(socket.emitted).toEqual([]);
    expect(calls.phase()).toBe('idle');
    expect(calls.notice()).toEqual({ conversationId: 'conv-1', notice: { kind: 'error', text: mediaErrorText(denied) } });
    expect(mediaErrorText(denied)).toMatch(/blocked/);
    expect(mediaErrorText(Object.assign(new Error(), { name: 'NotFoundError' }))).toBe('No camera or microphone was found on this device.');
    expect(mediaErrorText(Object.assign(new Error(), { name: 'NotReadableError' }))).toMatch(/in use by another app/);
  });
});
