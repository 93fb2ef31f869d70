import { openConversation } from './factories/chat.factory.js';
import { assignRepair, createRepair } from './factories/repairs.factory.js';
import { createStaff, registerCustomer } from './factories/users.factory.js';
import { connectChat, type TestChatClient } from './support/chat-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REDIS_URL = process.env.REDIS_URL;
const shared = Boolean(process.env.DATABASE_URL && REDIS_URL);
if (!shared) {
  // Two instances need one PostgreSQL database and a Redis; CI runs this suite with both set.
  console.warn('chat-redis.e2e: skipped — set DATABASE_URL and REDIS_URL (e.g. redis://127.0.0.1:6379) to run it');
}

(shared ? describe : describe.skip)('chat across two instances (Redis adapter)', () => {
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

  it('delivers a message sent through one instance to a socket connected to the other, both ways', async () => {
    const customer = await registerCustomer(first);
    const technician = await createStaff(first, 'technician');
    const repair = await createRepair(first, customer);
    await assignRepair(first, technician, repair.id);
    const conversation = await openConversation(first, customer, repair.id);

    const onFirst = await connectChat(first, customer.token);
    const onSecond = await connectChat(second, technician.token);
    clients.push(onFirst, onSecond);
    expect(await onFirst.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });
    expect(await onSecond.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });

    const sent = await onFirst.emit('message:send', { conversationId: conversation.id, content: 'Across instances', clientId: 'x-1' });
    expect((await onSecond.next('message:new', (p) => p.message.id === sent.message.id)).message).toEqual(sent.message);

    const reply = await second.api.post(`/conversations/${conversation.id}/messages`, { content: 'And back' }, { token: technician.token });
    expect(reply.status).toBe(201);
    expect((await onFirst.next('message:new', (p) => p.message.id === reply.body.id)).message.content).toBe('And back');

    // A typing indicator crosses too (no database involved).
    await onSecond.emit('typing', { conversationId: conversation.id });
    expect(await onFirst.next('typing')).toEqual({ conversationId: conversation.id, userId: technician.id });
  });
});
