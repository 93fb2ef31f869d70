import type { CallView, MessageView } from '@repairhub/contracts';
import { openConversation } from './factories/chat.factory.js';
import { assignRepair, createRepair } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { connectChat, settle, type TestChatClient } from './support/chat-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The test app rings for 2.5 s instead of 45 s (CALL_RING_TIMEOUT_MS): the timeout path is the same
 * code, and a suite that waits 45 s per missed call would be left out of routine runs.
 */
const RING_MS = 2500;
const TURN_SECRET = 'turn-shared-secret-for-the-e2e-suite';

describe('video calls over /chat', () => {
  let t: TestApp;
  let customer: TestUser;
  let technician: TestUser;
  let admin: TestUser;
  let outsider: TestUser;
  const sockets: TestChatClient[] = [];
  const connect = async (user: TestUser, app: TestApp = t) => {
    const client = await connectChat(app, user.token);
    sockets.push(client);
    return client;
  };
  const notes = async (conversationId: string) =>
    ((await t.api.get(`/conversations/${conversationId}/messages?limit=100`, { token: customer.token })).body.items as MessageView[])
      .filter((m) => m.type === 'system')
      .map((m) => m.content)
      .reverse();

  async function assignedConversation() {
    const repair = await createRepair(t, customer);
    await assignRepair(t, technician, repair.id);
    const conversation = await openConversation(t, customer, repair.id);
    return { repair, conversation };
  }

  beforeAll(async () => {
    t = await startTestApp({
      CALL_RING_TIMEOUT_MS: String(RING_MS),
      ICE_SERVERS: '[{"urls":"stun:stun.shop.test:3478"}]',
      TURN_SECRET,
      TURN_URLS: 'turn:turn.shop.test:3478',
      TURN_TTL_SECONDS: '600',
    });
    [customer, technician, admin, outsider] = await Promise.all([
      registerCustomer(t, 'Call Customer'),
      createStaff(t, 'technician', 'Call Technician'),
      createStaff(t, 'admin', 'Call Admin'),
      registerCustomer(t, 'Not In This Call'),
    ]);
  });
  // Whether someone is online decides the missed-call email: each test starts with nobody connected.
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    await t?.close();
  });

  it('lets only the customer and the assigned technician call, and refuses everyone else with a code', async () => {
    const { repair, conversation } = await assignedConversation();
    const [stranger, boss] = [await connect(outsider), await connect(admin)];
    expect(await stranger.emit('call:start', { conversationId: conversation.id })).toMatchObject({ ok: false, error: { code: 'CONVERSATION.NOT_FOUND' } });
    // Admins read the chat but are not a party to the repair's call.
    expect(await boss.emit('call:start', { conversationId: conversation.id })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_ALLOWED' } });
    expect(await stranger.emit('call:start', { conversationId: 'nope' })).toMatchObject({ ok: false, error: { code: 'CONVERSATION.NOT_FOUND' } });
    expect(await stranger.emit('call:start', {})).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });

    const unassigned = await createRepair(t, customer);
    const lonely = await openConversation(t, customer, unassigned.id);
    const me = await connect(customer);
    expect(await me.emit('call:start', { conversationId: lonely.id })).toMatchObject({ ok: false, error: { code: 'CALL.NO_TECHNICIAN' } });

    const tech = await connect(technician);
    const started = await tech.emit('call:start', { conversationId: conversation.id });
    expect(started).toMatchObject({ ok: true, call: { status: 'ringing', callerId: technician.id, calleeId: customer.id, repairRequestId: repair.id } });
    const callId = started.call.id;
    // Someone else cannot answer, decline, hang up or inject signalling.
    expect(await stranger.emit('call:accept', { callId })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_FOUND' } });
    expect(await stranger.emit('call:hangup', { callId })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_FOUND' } });
    expect(await boss.emit('call:decline', { callId })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_FOUND' } });
    expect(await stranger.emit('call:signal', { callId, description: { type: 'offer', sdp: 'v=0' } })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_IN_CALL' } });
    // The caller cannot answer for the callee, and a second call does not start over the first.
    expect(await tech.emit('call:accept', { callId })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_CALLEE' } });
    expect(await me.emit('call:start', { conversationId: conversation.id })).toMatchObject({ ok: false, error: { code: 'CALL.IN_PROGRESS' } });
    await settle();
    expect(stranger.received.filter((r) => r.event.startsWith('call:'))).toEqual([]);
    expect(boss.received.filter((r) => r.event.startsWith('call:'))).toEqual([]);
    expect(await tech.emit('call:hangup', { callId })).toMatchObject({ ok: true, call: { status: 'missed' } });
  });

  it('rings every device of the callee, connects the answering one, relays signalling only between the two, and writes each note once', async () => {
    const { conversation } = await assignedConversation();
    const tech = await connect(technician);
    const phone = await connect(customer);
    const laptop = await connect(customer);
    const stranger = await connect(outsider);

    const started = await tech.emit('call:start', { conversationId: conversation.id });
    expect(started.iceServers).toEqual([
      { urls: 'stun:stun.shop.test:3478' },
      { urls: ['turn:turn.shop.test:3478'], username: expect.stringMatching(new RegExp(`^\\d+:${technician.id}$`)), credential: expect.any(String) },
    ]);
    const expiry = Number(started.iceServers[1].username.split(':')[0]);
    expect(expiry - Date.now() / 1000).toBeGreaterThan(590);
    expect(expiry - Date.now() / 1000).toBeLessThanOrEqual(601);

    const callId: string = started.call.id;
    const ring = await phone.next<{ call: CallView }>('call:ring', (p) => p.call.id === callId);
    expect(ring.call).toMatchObject({ callerName: 'Call Technician', conversationId: conversation.id, status: 'ringing' });
    await laptop.next('call:ring', (p) => p.call.id === callId);

    const accepted = await phone.emit('call:accept', { callId });
    expect(accepted).toMatchObject({ ok: true, call: { status: 'active', answeredAt: expect.any(String) } });
    expect(accepted.iceServers[1].username).toMatch(new RegExp(`:${customer.id}$`));
    // The other device stops ringing: it hears the call was answered.
    expect((await laptop.next<{ call: CallView }>('call:updated', (p) => p.call.id === callId)).call.status).toBe('active');
    expect((await tech.next<{ call: CallView }>('call:updated', (p) => p.call.id === callId)).call.status).toBe('active');
    expect(await laptop.emit('call:accept', { callId })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_RINGING' } });
    expect(await laptop.emit('call:start', { conversationId: conversation.id })).toMatchObject({ ok: false, error: { code: 'CALL.IN_PROGRESS' } });

    expect(await tech.emit('call:signal', { callId, description: { type: 'offer', sdp: 'v=0 offer', injected: true } })).toEqual({ ok: true });
    expect(await phone.next('call:signal')).toEqual({ callId, from: technician.id, description: { type: 'offer', sdp: 'v=0 offer' } });
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    expect(await phone.emit('call:signal', { callId, candidate })).toEqual({ ok: true });
    expect(await tech.next('call:signal')).toEqual({ callId, from: customer.id, candidate: { ...candidate, usernameFragment: null } });
    expect(await laptop.emit('call:signal', { callId, candidate: null })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_IN_CALL' } });
    expect(await tech.emit('call:signal', { callId, description: { type: 'offer' }, candidate: null })).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
    await settle();
    expect(laptop.received.filter((r) => r.event === 'call:signal')).toEqual([]);
    expect(stranger.received.filter((r) => r.event.startsWith('call:'))).toEqual([]);

    await settle(1100);
    // Both hang up at the same moment: one ends the call, the other hears it is over.
    const [a, b] = await Promise.all([tech.emit('call:hangup', { callId }), phone.emit('call:hangup', { callId })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok).error.code).toBe('CALL.OVER');
    expect((await laptop.next<{ call: CallView }>('call:updated', (p) => p.call.status === 'ended')).call.endedAt).toEqual(expect.any(String));
    // After the end, the call's room is closed: nothing more is relayed.
    expect(await tech.emit('call:signal', { callId, candidate: null })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_IN_CALL' } });

    const timeline = await notes(conversation.id);
    const calls = timeline.filter((n) => n.includes('call'));
    expect(calls).toEqual(['Video call started by the technician.', 'Video call answered.', expect.stringMatching(/^Video call ended · [12] s$/)]);
    const live = phone.messages(conversation.id);
    expect(live).toEqual([]); // not joined to the room: the notes arrive as conversation updates
    expect(phone.received.filter((r) => r.event === 'conversation:updated' && r.payload.lastMessage.content.startsWith('Video call ended'))).toHaveLength(1);
  });

  it('a declined call, and a call withdrawn before it was answered', async () => {
    const { conversation } = await assignedConversation();
    const tech = await connect(technician);
    const phone = await connect(customer);
    const first = await phone.emit('call:start', { conversationId: conversation.id });
    expect((await tech.next<{ call: CallView }>('call:ring')).call).toMatchObject({ callerName: 'Call Customer', callerId: customer.id });
    expect(await tech.emit('call:decline', { callId: first.call.id })).toMatchObject({ ok: true, call: { status: 'declined' } });
    expect((await phone.next<{ call: CallView }>('call:updated', (p) => p.call.id === first.call.id)).call.status).toBe('declined');

    const second = await phone.emit('call:start', { conversationId: conversation.id });
    expect(await phone.emit('call:hangup', { callId: second.call.id })).toMatchObject({ ok: true, call: { status: 'missed' } });
    expect((await notes(conversation.id)).filter((n) => n.includes('call'))).toEqual([
      'Video call started by the customer.',
      'Video call declined.',
      'Video call started by the customer.',
      'Missed video call.',
    ]);
  });

  it('a ring nobody answers is missed; the callee is emailed only when offline and willing', async () => {
    const { repair, conversation } = await assignedConversation();
    const tech = await connect(technician);
    // The customer is not connected: the missed call is emailed.
    const started = await tech.emit('call:start', { conversationId: conversation.id });
    const missed = await tech.next<{ call: CallView }>('call:updated', (p) => p.call.id === started.call.id, RING_MS + 5000);
    expect(missed.call.status).toBe('missed');
    const mails = await t.sql(`SELECT subject, text_body, status, essential FROM email_outbox WHERE template = 'missed_call' AND user_id = $1`, [customer.id]);
    expect(mails).toEqual([
      expect.objectContaining({ subject: expect.stringMatching(/^Missed video call from Call Technician about .+ \(R-\d+\)$/), essential: false, status: expect.stringMatching(/^(stored|pending)$/) }),
    ]);
    expect(mails[0].text_body).toContain(`/repairs/${repair.id}`);

    // Connected: the ring reached them, no email. The stale ring left by a stopped instance is closed by the next start.
    const phone = await connect(customer);
    const again = await tech.emit('call:start', { conversationId: conversation.id });
    await phone.next('call:ring', (p) => p.call.id === again.call.id);
    await tech.next('call:updated', (p) => p.call.id === again.call.id, RING_MS + 5000);
    expect(await t.sql(`SELECT id FROM email_outbox WHERE template = 'missed_call' AND user_id = $1`, [customer.id])).toHaveLength(1);

    // Non-essential emails off: recorded as skipped.
    phone.close();
    await t.api.patch('/auth/me/preferences', { emailNonEssential: false }, { token: customer.token });
    const third = await tech.emit('call:start', { conversationId: conversation.id });
    await tech.next('call:updated', (p) => p.call.id === third.call.id, RING_MS + 5000);
    expect((await t.sql(`SELECT status FROM email_outbox WHERE template = 'missed_call' AND user_id = $1 ORDER BY created_at`, [customer.id])).map((r) => r.status)).toEqual([
      expect.stringMatching(/^(stored|pending)$/),
      'skipped',
    ]);
    await t.api.patch('/auth/me/preferences', { emailNonEssential: true }, { token: customer.token });
    expect((await notes(conversation.id)).filter((n) => n === 'Missed video call.')).toHaveLength(3);
  });

  it('a closed tab ends its call for both sides', async () => {
    const { conversation } = await assignedConversation();
    const tech = await connect(technician);
    const phone = await connect(customer);
    const started = await tech.emit('call:start', { conversationId: conversation.id });
    await phone.emit('call:accept', { callId: started.call.id });
    phone.close();
    expect((await tech.next<{ call: CallView }>('call:updated', (p) => p.call.status === 'ended')).call.id).toBe(started.call.id);
    expect((await notes(conversation.id)).at(-1)).toMatch(/^Video call ended · \d+ s$/);
  });

  it('a call left active by a stopped instance does not block the next one', async () => {
    const { conversation } = await assignedConversation();
    // As a crashed realtime instance leaves it: active, and no connection carries it.
    await t.sql(`INSERT INTO calls (conversation_id, caller_id, callee_id, status, answered_at) VALUES ($1, $2, $3, 'active', now() - interval '90 seconds')`, [
      conversation.id,
      technician.id,
      customer.id,
    ]);
    const tech = await connect(technician);
    expect(await tech.emit('call:start', { conversationId: conversation.id })).toMatchObject({ ok: true, call: { status: 'ringing' } });
    expect((await notes(conversation.id)).filter((n) => n.includes('call'))).toEqual([
      expect.stringMatching(/^Video call ended · 1 min 3\d s$/),
      'Video call started by the technician.',
    ]);
  });

  it('a technician taken off the repair is cut out of its call at once', async () => {
    const { repair, conversation } = await assignedConversation();
    const replacement = await createStaff(t, 'technician', 'Second Technician');
    const tech = await connect(technician);
    const phone = await connect(customer);
    const started = await tech.emit('call:start', { conversationId: conversation.id });
    await phone.emit('call:accept', { callId: started.call.id });
    const reassigned = await t.api.post(`/repairs/${repair.id}/assign`, { technicianId: replacement.id }, { token: admin.token });
    expect(reassigned.status).toBe(200);
    for (const side of [tech, phone]) expect((await side.next<{ call: CallView }>('call:updated', (p) => p.call.status === 'ended')).call.id).toBe(started.call.id);
    expect(await tech.emit('call:signal', { callId: started.call.id, candidate: null })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_IN_CALL' } });
    expect(await tech.emit('call:start', { conversationId: conversation.id })).toMatchObject({ ok: false, error: { code: 'CONVERSATION.NOT_FOUND' } });
    expect((await notes(conversation.id)).filter((n) => n.startsWith('Video call ended'))).toEqual([expect.stringMatching(/^Video call ended · \d+ s$/)]);
    expect(await t.sql(`SELECT id FROM email_outbox WHERE template = 'missed_call' AND user_id = $1`, [technician.id])).toEqual([]);
  });
});

const REDIS_URL = process.env.REDIS_URL;
const shared = Boolean(process.env.DATABASE_URL && REDIS_URL);

(shared ? describe : describe.skip)('video calls across two instances (Redis adapter)', () => {
  let first: TestApp;
  let second: TestApp;
  const clients: TestChatClient[] = [];

  beforeAll(async () => {
    first = await startTestApp({ REDIS_URL });
    second = await startTestApp({ REDIS_URL }, { url: first.databaseUrl });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await second?.stop();
    await first?.close();
  });

  it('rings, connects, relays signalling and hangs up between sockets on different instances', async () => {
    const customer = await registerCustomer(first);
    const technician = await createStaff(first, 'technician');
    const repair = await createRepair(first, customer);
    await assignRepair(first, technician, repair.id);
    const conversation = await openConversation(first, customer, repair.id);
    const tech = await connectChat(first, technician.token);
    const phone = await connectChat(second, customer.token);
    clients.push(tech, phone);

    const started = await tech.emit('call:start', { conversationId: conversation.id });
    const callId = started.call.id;
    await phone.next('call:ring', (p) => p.call.id === callId);
    expect(await phone.emit('call:accept', { callId })).toMatchObject({ ok: true, call: { status: 'active' } });
    await tech.next('call:updated', (p) => p.call.status === 'active');
    await tech.emit('call:signal', { callId, description: { type: 'offer', sdp: 'v=0 across' } });
    expect((await phone.next('call:signal')).description).toEqual({ type: 'offer', sdp: 'v=0 across' });
    await phone.emit('call:signal', { callId, description: { type: 'answer', sdp: 'v=0 back' } });
    expect((await tech.next('call:signal')).description).toEqual({ type: 'answer', sdp: 'v=0 back' });

    expect(await phone.emit('call:hangup', { callId })).toMatchObject({ ok: true, call: { status: 'ended' } });
    await tech.next('call:updated', (p) => p.call.status === 'ended');
    // The call room was closed on both instances.
    expect(await tech.emit('call:signal', { callId, candidate: null })).toMatchObject({ ok: false, error: { code: 'CALL.NOT_IN_CALL' } });
  });
});
