import { randomUUID } from 'node:crypto';
import type { MessageView } from '@repairhub/contracts';
import { openConversation, postMessage } from './factories/chat.factory.js';
import { assignRepair, createRepair, issueQuote } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { connectChat, handshakeError, settle, type TestChatClient } from './support/chat-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('consultation chat', () => {
  let t: TestApp;
  let customer: TestUser;
  let technician: TestUser;
  let admin: TestUser;
  let outsider: TestUser;
  const sockets: TestChatClient[] = [];
  const connect = async (user: TestUser) => {
    const client = await connectChat(t, user.token);
    sockets.push(client);
    return client;
  };

  /** A repair of `customer`, assigned to `technician`, and its conversation. */
  async function assignedConversation() {
    const repair = await createRepair(t, customer);
    await assignRepair(t, technician, repair.id);
    const conversation = await openConversation(t, customer, repair.id);
    return { repair, conversation };
  }

  beforeAll(async () => {
    t = await startTestApp();
    [customer, technician, admin, outsider] = await Promise.all([
      registerCustomer(t, 'Chat Customer'),
      createStaff(t, 'technician', 'Chat Technician'),
      createStaff(t, 'admin', 'Chat Admin'),
      registerCustomer(t, 'Someone Else'),
    ]);
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t?.close());

  describe('handshake', () => {
    it('refuses a connection without a token, with a forged one, or for a deactivated user', async () => {
      expect((await handshakeError(t, undefined)).message).toBe('AUTH.MISSING_TOKEN');

      const [header, payload] = customer.token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
      const refused = await handshakeError(t, forged);
      expect(refused.message).toBe('AUTH.INVALID_TOKEN');
      expect(refused.data).toEqual({ code: 'AUTH.INVALID_TOKEN', message: expect.any(String) });

      // alg "none" with the same claims
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      expect((await handshakeError(t, none)).message).toBe('AUTH.INVALID_TOKEN');

      const leaving = await registerCustomer(t, 'Leaving Customer');
      expect((await t.api.patch(`/users/${leaving.id}`, { active: false }, { token: admin.token })).status).toBe(200);
      expect((await handshakeError(t, leaving.token)).message).toBe('AUTH.INVALID_TOKEN');
    });

    it('closes the sockets of a signed-out session and of a deactivated user, and no one else’s', async () => {
      const user = await registerCustomer(t, 'Socket Leaver');
      const second = await t.api.post('/auth/login', { email: user.email, password: user.password }, { headers: { 'x-token-transport': 'body' } });
      const [firstSession, secondSession, bystander] = [await connect(user), await connect({ ...user, token: second.body.accessToken }), await connect(customer)];

      expect((await t.api.post('/auth/logout', { refreshToken: user.refreshToken })).status).toBe(204);
      expect(await firstSession.disconnected()).toBe('io server disconnect');
      expect(secondSession.socket.connected).toBe(true);

      expect((await t.api.patch(`/users/${user.id}`, { active: false }, { token: admin.token })).status).toBe(200);
      expect(await secondSession.disconnected()).toBe('io server disconnect');
      expect(bystander.socket.connected).toBe(true);
    });

    it('accepts a valid access token', async () => {
      const client = await connect(customer);
      expect(client.socket.connected).toBe(true);
    });
  });

  describe('conversations', () => {
    it('has exactly one conversation per repair, for its customer, assigned technician and admins only', async () => {
      const repair = await createRepair(t, customer);
      const other = await createStaff(t, 'technician', 'Unassigned Technician');
      // Not assigned yet: technicians do not see the conversation.
      expectProblem(await t.api.post('/conversations', { repairRequestId: repair.id }, { token: technician.token }), 404, 'REPAIR.NOT_FOUND');

      const first = await openConversation(t, customer, repair.id);
      await assignRepair(t, technician, repair.id);
      const again = await Promise.all([openConversation(t, customer, repair.id), openConversation(t, technician, repair.id), openConversation(t, admin, repair.id)]);
      expect(again.map((c) => c.id)).toEqual([first.id, first.id, first.id]);
      expect((await t.sql(`SELECT count(*)::int AS n FROM conversations WHERE repair_request_id = $1`, [repair.id]))[0].n).toBe(1);

      expectProblem(await t.api.post('/conversations', { repairRequestId: repair.id }, { token: outsider.token }), 404, 'REPAIR.NOT_FOUND');
      expectProblem(await t.api.post('/conversations', { repairRequestId: repair.id }, { token: other.token }), 404, 'REPAIR.NOT_FOUND');
      expectProblem(await t.api.get(`/conversations/${first.id}/messages`, { token: outsider.token }), 404, 'CONVERSATION.NOT_FOUND');
      expectProblem(await t.api.post(`/conversations/${first.id}/messages`, { content: 'hi' }, { token: other.token }), 404, 'CONVERSATION.NOT_FOUND');
    });

    it('lists mine with the last message and my unread count', async () => {
      const { conversation } = await assignedConversation();
      await postMessage(t, customer, conversation.id, 'First question');
      const last = await postMessage(t, customer, conversation.id, 'Second question');

      const forTechnician = await t.api.get('/conversations', { token: technician.token });
      expect(forTechnician.status).toBe(200);
      const listed = forTechnician.body.items.find((c: { id: string }) => c.id === conversation.id);
      expect(listed).toMatchObject({ lastMessage: { id: last.id, content: 'Second question' }, unreadCount: 2 });
      const forCustomer = (await t.api.get('/conversations', { token: customer.token })).body.items.find((c: { id: string }) => c.id === conversation.id);
      expect(forCustomer.unreadCount).toBe(0);
      expect((await t.api.get('/conversations', { token: outsider.token })).body.items).toEqual([]);

      // Reading moves the count; the receipt reaches the room.
      const customerSocket = await connect(customer);
      const technicianSocket = await connect(technician);
      await customerSocket.emit('conversation:join', { conversationId: conversation.id });
      await technicianSocket.emit('conversation:join', { conversationId: conversation.id });
      expect(await technicianSocket.emit('conversation:read', { conversationId: conversation.id, messageId: last.id })).toEqual({ ok: true });
      expect(await customerSocket.next('conversation:read')).toEqual({ conversationId: conversation.id, userId: technician.id, messageId: last.id });
      const after = (await t.api.get('/conversations', { token: technician.token })).body.items.find((c: { id: string }) => c.id === conversation.id);
      expect(after.unreadCount).toBe(0);
    });

    it('pages messages newest first with before and limit', async () => {
      const { conversation } = await assignedConversation();
      const sent: MessageView[] = [];
      for (let i = 1; i <= 25; i++) sent.push(await postMessage(t, i % 2 ? customer : technician, conversation.id, `message ${i}`));

      const seen: string[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=10${before ? `&before=${before}` : ''}`;
        const page = await t.api.get(`/conversations/${conversation.id}/messages${query}`, { token: technician.token });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((m: MessageView) => m.content));
        before = page.body.nextCursor;
        pages++;
      } while (before);
      expect(pages).toBe(3);
      expect(seen).toEqual(sent.map((m) => m.content).reverse());
      expectProblem(await t.api.get(`/conversations/${conversation.id}/messages?limit=101`, { token: customer.token }), 400);
    });
  });

  describe('realtime', () => {
    it('delivers messages between two participants as they are sent, and nothing to a non-participant', async () => {
      const { conversation } = await assignedConversation();
      const customerSocket = await connect(customer);
      const technicianSocket = await connect(technician);
      const outsiderSocket = await connect(outsider);

      expect(await customerSocket.emit('conversation:join', { conversationId: conversation.id })).toEqual({ ok: true, missed: [], hasMore: false });
      expect(await technicianSocket.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });
      expect(await outsiderSocket.emit('conversation:join', { conversationId: conversation.id })).toEqual({
        ok: false,
        error: { code: 'CONVERSATION.NOT_FOUND', message: 'Conversation not found.' },
      });

      const sent = await customerSocket.emit('message:send', { conversationId: conversation.id, content: '  Is the <b>battery</b> covered?  ', clientId: 'c-1' });
      expect(sent).toMatchObject({ ok: true, duplicate: false, message: { senderId: customer.id, type: 'text', content: '  Is the <b>battery</b> covered?  ', clientId: 'c-1' } });
      const arrived = await technicianSocket.next('message:new', (p) => p.message.id === sent.message.id);
      expect(arrived.message).toEqual(sent.message);

      await technicianSocket.emit('typing', { conversationId: conversation.id });
      expect(await customerSocket.next('typing')).toEqual({ conversationId: conversation.id, userId: technician.id });
      const reply = await technicianSocket.emit('message:send', { conversationId: conversation.id, content: 'Yes, it is.', clientId: 't-1' });
      expect((await customerSocket.next('message:new', (p) => p.message.id === reply.message.id)).message.content).toBe('Yes, it is.');

      expect(await outsiderSocket.emit('message:send', { conversationId: conversation.id, content: 'let me in', clientId: 'o-1' })).toMatchObject({
        ok: false,
        error: { code: 'CONVERSATION.NOT_FOUND' },
      });
      await settle();
      expect(outsiderSocket.received.filter((r) => r.event !== 'conversation:updated')).toEqual([]);
      expect(outsiderSocket.received).toEqual([]);
    });

    it('validates like the REST route, with the same error codes', async () => {
      const { conversation } = await assignedConversation();
      const client = await connect(customer);
      await client.emit('conversation:join', { conversationId: conversation.id });
      const blank = await client.emit('message:send', { conversationId: conversation.id, content: ' \n\t ', clientId: 'v-1' });
      expect(blank).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
      expectProblem(await t.api.post(`/conversations/${conversation.id}/messages`, { content: ' \n ' }, { token: customer.token }), 400, 'REQUEST.INVALID');
      const long = 'x'.repeat(4001);
      expect(await client.emit('message:send', { conversationId: conversation.id, content: long, clientId: 'v-2' })).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
      expectProblem(await t.api.post(`/conversations/${conversation.id}/messages`, { content: long }, { token: customer.token }), 400, 'REQUEST.INVALID');
      expect(await client.emit('message:send', { conversationId: conversation.id, content: `  ${'x'.repeat(4000)}  `, clientId: 'v-3' })).toMatchObject({ ok: true });
      expect(await client.emit('message:send', { conversationId: 'not-a-uuid', content: 'hi', clientId: 'v-4' })).toMatchObject({ ok: false, error: { code: 'CONVERSATION.NOT_FOUND' } });
      expect(await client.emit('conversation:read', { conversationId: conversation.id, messageId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'CHAT.MESSAGE_NOT_FOUND' } });
    });

    it('stores one copy when the same clientId is sent twice, including concurrently and over REST', async () => {
      const { conversation } = await assignedConversation();
      const client = await connect(customer);
      const watcher = await connect(technician);
      await client.emit('conversation:join', { conversationId: conversation.id });
      await watcher.emit('conversation:join', { conversationId: conversation.id });

      const payload = { conversationId: conversation.id, content: 'Only once, please', clientId: 'retry-1' };
      const first = await client.emit('message:send', payload);
      const second = await client.emit('message:send', payload);
      expect(second).toEqual({ ok: true, duplicate: true, message: first.message });

      const racing = { conversationId: conversation.id, content: 'Racing', clientId: 'race-1' };
      const results = await Promise.all([
        client.emit('message:send', racing),
        client.emit('message:send', racing),
        t.api.post(`/conversations/${conversation.id}/messages`, { content: 'Racing', clientId: 'race-1' }, { token: customer.token }),
      ]);
      const ids = new Set([results[0].message.id, results[1].message.id, results[2].body.id]);
      expect(ids.size).toBe(1);
      const rows = await t.sql(`SELECT client_id, count(*)::int AS n FROM messages WHERE conversation_id = $1 AND client_id IS NOT NULL GROUP BY client_id ORDER BY client_id`, [conversation.id]);
      expect(rows).toEqual([
        { client_id: 'race-1', n: 1 },
        { client_id: 'retry-1', n: 1 },
      ]);
      await settle();
      expect(watcher.messages(conversation.id).map((m) => m.clientId)).toEqual(['retry-1', 'race-1']);

      // The same clientId in another conversation is a conflict, not someone else's message.
      const elsewhere = await assignedConversation();
      expectProblem(
        await t.api.post(`/conversations/${elsewhere.conversation.id}/messages`, { content: 'x', clientId: 'retry-1' }, { token: customer.token }),
        409,
        'MESSAGE.CLIENT_ID_REUSED',
      );
    });

    it('broadcasts a REST-posted message to connected sockets', async () => {
      const { conversation } = await assignedConversation();
      const client = await connect(technician);
      await client.emit('conversation:join', { conversationId: conversation.id });
      const posted = await postMessage(t, customer, conversation.id, 'Sent from a flaky network', 'rest-1');
      expect((await client.next('message:new', (p) => p.message.id === posted.id)).message).toEqual(posted);
    });

    it('tells a participant who has not joined the room about new activity through their own room', async () => {
      const { conversation, repair } = await assignedConversation();
      const away = await connect(technician);
      const posted = await postMessage(t, customer, conversation.id, 'Are you there?');
      expect(await away.next('conversation:updated')).toEqual({ conversationId: conversation.id, repairRequestId: repair.id, lastMessage: posted });
      expect(away.messages()).toEqual([]);
    });

    it('catches up after a reconnect: three messages sent while away arrive in order, from the database', async () => {
      const { conversation } = await assignedConversation();
      let client = await connect(technician);
      await client.emit('conversation:join', { conversationId: conversation.id });
      const seen = await postMessage(t, customer, conversation.id, 'Before the tunnel');
      await client.next('message:new', (p) => p.message.id === seen.id);
      client.close();

      const away = [];
      for (const content of ['one', 'two', 'three']) away.push(await postMessage(t, customer, conversation.id, content));

      client = await connect(technician);
      const joined = await client.emit('conversation:join', { conversationId: conversation.id, lastMessageId: seen.id });
      expect(joined).toEqual({ ok: true, missed: away, hasMore: false });
    });
  });

  describe('repair timeline and participation', () => {
    it('writes a timeline note in the transaction of its change: when the note cannot be written, the change is not made', async () => {
      const { repair, conversation } = await assignedConversation();
      await t.sql(`ALTER TABLE messages ADD CONSTRAINT test_refuses_note CHECK (content <> 'Cancelled: the customer cancelled the request.')`);
      try {
        const refused = await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled', note: 'refuse my note' }, { token: customer.token });
        expectProblem(refused, 500);
      } finally {
        await t.sql(`ALTER TABLE messages DROP CONSTRAINT test_refuses_note`);
      }
      expect((await t.api.get(`/repairs/${repair.id}`, { token: customer.token })).body.status).toBe('submitted');

      const listening = await connect(customer);
      await listening.emit('conversation:join', { conversationId: conversation.id });
      expect((await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled', note: 'for real' }, { token: customer.token })).status).toBe(200);
      const notes = await t.sql(`SELECT content FROM messages WHERE conversation_id = $1 AND type = 'system' ORDER BY seq`, [conversation.id]);
      expect(notes.map((n) => n.content)).toContain('Cancelled: the customer cancelled the request.');
      const live = await listening.next('message:new', (p) => p.message.type === 'system' && p.message.content.startsWith('Cancelled:'));
      expect(live.message.conversationId).toBe(conversation.id);
    });

    it('creates the conversation when the first quote is issued and adds system messages for the quote and status changes', async () => {
      const repair = await createRepair(t, customer);
      await issueQuote(t, technician, repair.id, { partsCost: 10_000, laborCost: 2_500, currency: 'usd' });
      const conversation = await waitForConversation(repair.id);
      const customerSocket = await connect(customer);
      await customerSocket.emit('conversation:join', { conversationId: conversation });

      // Payment approval is the payments module's job; here the row is moved directly (no event, no message).
      await t.sql(`UPDATE repair_requests SET status = 'approved' WHERE id = $1 AND status = 'quoted'`, [repair.id]);
      const moved = await t.api.post(`/repairs/${repair.id}/status`, { status: 'in_progress', note: 'Parts arrived' }, { token: technician.token });
      expect(moved.status).toBe(200);
      const live = await customerSocket.next('message:new', (p) => p.message.type === 'system' && /In progress/.test(p.message.content));
      // The note stays in the status timeline; the chat says what changed in the apps' words, once.
      expect(live.message).toMatchObject({ senderId: null, content: 'In progress: work on the device has started.' });
      expect(await customerSocket.next('repair:updated')).toMatchObject({ repairRequestId: repair.id, status: 'in_progress' });

      const history = (await t.api.get(`/conversations/${conversation}/messages`, { token: customer.token })).body.items as MessageView[];
      expect(history.map((m) => m.content).reverse()).toEqual([
        expect.stringMatching(/^The technician sent a quote: \$125\.00, valid until [A-Z][a-z]{2} \d{1,2}(, \d{4})?\.$/),
        'In progress: work on the device has started.',
      ]);
      expect(history.every((m) => m.type === 'system')).toBe(true);
    });

    it('moves the conversation with the assignment: a replaced technician can no longer read or send', async () => {
      const { repair, conversation } = await assignedConversation();
      const replacement = await createStaff(t, 'technician', 'Replacement Technician');
      const old = await connect(technician);
      await old.emit('conversation:join', { conversationId: conversation.id });
      const customerSocket = await connect(customer);
      await customerSocket.emit('conversation:join', { conversationId: conversation.id });

      const reassigned = await t.api.post(`/repairs/${repair.id}/assign`, { technicianId: replacement.id }, { token: admin.token });
      expect(reassigned.status).toBe(200);
      const handover = await customerSocket.next('message:new', (p) => p.message.type === 'system');
      expect(handover.message.content).toBe('The repair was handed over to another technician.');

      expect(await old.emit('message:send', { conversationId: conversation.id, content: 'still here?', clientId: 'old-1' })).toMatchObject({
        ok: false,
        error: { code: 'CONVERSATION.NOT_FOUND' },
      });
      const fresh = await connect(replacement);
      expect(await fresh.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });
      const posted = await postMessage(t, customer, conversation.id, 'Hello new technician');
      await fresh.next('message:new', (p) => p.message.id === posted.id);
      await settle();
      // Its sockets left the room before the hand-over was announced.
      expect(old.messages(conversation.id)).toEqual([]);
      expectProblem(await t.api.get(`/conversations/${conversation.id}/messages`, { token: technician.token }), 404, 'CONVERSATION.NOT_FOUND');

      // Admins read and post without being assigned.
      const adminSocket = await connect(admin);
      expect(await adminSocket.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });
      expect(await adminSocket.emit('message:send', { conversationId: conversation.id, content: 'Admin here', clientId: 'a-1' })).toMatchObject({ ok: true });
    });

    it('pushes new requests to the staff room', async () => {
      const staff = await connect(technician);
      const customerSocket = await connect(customer);
      const repair = await createRepair(t, customer, { urgency: 'urgent' });
      expect(await staff.next('repair:created', (p) => p.repairRequestId === repair.id)).toEqual({ repairRequestId: repair.id, urgency: 'urgent' });
      await settle();
      expect(customerSocket.received.filter((r) => r.event === 'repair:created')).toEqual([]);
    });
  });

  async function waitForConversation(repairId: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const [row] = await t.sql(`SELECT id FROM conversations WHERE repair_request_id = $1`, [repairId]);
      if (row) return row.id;
      await settle(50);
    }
    throw new Error('no conversation was created');
  }
});

describe('chat limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CHAT_RATE_PER_SECOND: '1', CHAT_RATE_BURST: '3' });
  });
  afterAll(() => t?.close());

  it('rate-limits each socket and closes one that sends a packet over 16 KB', async () => {
    const customer = await registerCustomer(t);
    const technician = await createStaff(t, 'technician');
    const repair = await createRepair(t, customer);
    await assignRepair(t, technician, repair.id);
    const conversation = await openConversation(t, customer, repair.id);
    const client = await connectChat(t, customer.token);
    try {
      const acks = [];
      for (let i = 0; i < 6; i++) acks.push(await client.emit('message:send', { conversationId: conversation.id, content: `burst ${i}`, clientId: `b-${i}` }));
      expect(acks.filter((a) => a.ok)).toHaveLength(3);
      expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
      // Only this burst's messages: system messages about the assignment may land at any moment.
      expect((await t.sql(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND client_id LIKE 'b-%'`, [conversation.id]))[0].n).toBe(3);

      // Another socket has its own bucket.
      const second = await connectChat(t, customer.token);
      expect(await second.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });
      const disconnected = new Promise<string>((resolve) => second.socket.once('disconnect', (reason) => resolve(reason)));
      second.socket.emit('message:send', { conversationId: conversation.id, content: 'y'.repeat(17 * 1024), clientId: 'big' }, () => undefined);
      expect(await disconnected).toBe('transport close');
      expect((await t.sql(`SELECT count(*)::int AS n FROM messages WHERE client_id = 'big'`))[0].n).toBe(0);
    } finally {
      client.close();
    }
  });
});

describe('chat under the HTTP protections that ship', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const sendHandler = { module: 'chat/chat.gateway.js', exportName: 'ChatGateway', method: 'send' };

  it('passes a chat event through every global guard for the socket’s user, and refuses a socket nobody signed in', async () => {
    const user = { id: randomUUID(), role: 'customer', sessionId: randomUUID() };
    const signedIn = await t.wsGuards(sendHandler, user, { conversationId: randomUUID(), content: 'hi', clientId: 'g-1' });
    // Every global guard is listed here: a new one must be checked in a WebSocket context too.
    expect(signedIn).toEqual([
      { guard: 'AppRoleGuard', passed: true },
      { guard: 'AppThrottlerGuard', passed: true },
      { guard: 'JwtAuthGuard', passed: true },
      { guard: 'RolesGuard', passed: true },
    ]);
    const nobody = await t.wsGuards(sendHandler, null);
    expect(nobody.find((o) => o.guard === 'JwtAuthGuard')).toEqual({ guard: 'JwtAuthGuard', error: 'AUTH.INVALID_TOKEN' });
  });

  it('spends no HTTP budget on socket events, and keeps chatting when the address’s HTTP budgets are spent', async () => {
    // A roomy socket bucket for this test alone, so the socket can outrun the HTTP write budget (120 a minute).
    const roomy = await startTestApp({ CHAT_RATE_PER_SECOND: '1000', CHAT_RATE_BURST: '1000' });
    try {
      const customer = await registerCustomer(roomy);
      const technician = await createStaff(roomy, 'technician');
      const repair = await createRepair(roomy, customer);
      await assignRepair(roomy, technician, repair.id);
      const conversation = await openConversation(roomy, customer, repair.id);
      const client = await connectChat(roomy, customer.token); // from 127.0.0.1
      try {
        for (let i = 0; i < 130; i++) {
          expect(await client.emit('message:send', { conversationId: conversation.id, content: `m ${i}`, clientId: `h-${i}` })).toMatchObject({ ok: true });
        }
        // The same address still has its whole HTTP write budget ...
        const rest = await roomy.api.post(`/conversations/${conversation.id}/messages`, { content: 'over REST' }, { token: customer.token, from: '127.0.0.1' });
        expect(rest.status).toBe(201);
        // ... and once its sign-in budget is spent, the chat goes on.
        let status = 0;
        for (let i = 0; i < 12 && status !== 429; i++) {
          status = (await roomy.api.post('/auth/login', { email: `nobody-${i}@example.test`, password: 'wrong password here' }, { from: '127.0.0.1' })).status;
        }
        expect(status).toBe(429);
        expect(await client.emit('message:send', { conversationId: conversation.id, content: 'still here', clientId: 'h-after' })).toMatchObject({ ok: true });
        expect((await roomy.sql(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND client_id LIKE 'h-%'`, [conversation.id]))[0].n).toBe(131);
      } finally {
        client.close();
      }
    } finally {
      await roomy.close();
    }
  });
});

