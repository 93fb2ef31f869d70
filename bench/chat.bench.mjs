// Chat fan-out: CLIENTS sockets in rooms of ROOM_SIZE; one sender per room emits `message:send` at a
// fixed total RATE; every socket in the room receives `message:new`. Ours goes through the /chat
// gateway (JWT handshake, participation check, persistence in PostgreSQL, then broadcast); the
// baseline is a plain socket.io server doing the same broadcast without auth or persistence.
// Reported as delivered messages/s ("rps") and p99 send-to-delivery latency.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { api } from './lib.mjs';

const CLIENTS = Number(process.env.BENCH_CHAT_CLIENTS ?? 1000);
const ROOM_SIZE = Number(process.env.BENCH_CHAT_ROOM_SIZE ?? 50);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 100); // messages per second, all rooms together
const ROOMS = Math.max(1, Math.floor(CLIENTS / ROOM_SIZE));
const PASSWORD = 'Bench-Lantern-Harbor-77';
const ADMIN = { email: `bench-admin-${Date.now()}@example.test`, password: PASSWORD };

export function connect(url, token) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/**
 * Runs the fan-out against `rooms` = [{ id, sender, receivers }] for `durationS`, then waits for
 * stragglers. Latency is measured in this process (sender and receivers share a clock).
 */
export async function fanOut(rooms, durationS) {
  const latencies = [];
  let delivered = 0;
  let failed = 0;
  for (const room of rooms) {
    for (const socket of [room.sender, ...room.receivers]) {
      socket.on('message:new', ({ message }) => {
        const sentAt = Number(message.content.split(' ')[0]);
        latencies.push(performance.now() - sentAt);
        delivered++;
      });
    }
  }
  const intervalMs = (1000 * rooms.length) / RATE; // per room
  const start = performance.now();
  const timers = rooms.map((room, i) => {
    let n = 0;
    const send = () => {
      const content = `${performance.now()} bench message ${n++}`;
      room.sender.timeout(10_000).emit('message:send', { conversationId: room.id, content, clientId: randomUUID() }, (err, ack) => {
        if (err || !ack?.ok) failed++;
      });
    };
    // Spread the rooms' senders over one interval.
    return setTimeout(() => {
      send();
      room.timer = setInterval(send, intervalMs);
    }, (intervalMs * i) / rooms.length);
  });
  await new Promise((r) => setTimeout(r, durationS * 1000));
  timers.forEach(clearTimeout);
  rooms.forEach((room) => clearInterval(room.timer));
  const elapsed = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  if (failed > 0) throw new Error(`${failed} sends were not acknowledged`);
  latencies.sort((a, b) => a - b);
  return { rps: delivered / elapsed, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

async function ourRooms(app) {
  const admin = await api(app.url, '/auth/login', { method: 'POST', body: ADMIN });
  const rooms = [];
  for (let r = 0; r < ROOMS; r++) {
    const email = `bench-chat-${r}-${Date.now()}@example.test`;
    const customer = await api(app.url, '/auth/register', { method: 'POST', body: { email, password: PASSWORD, name: `Bench ${r}` } });
    const token = customer.accessToken;
    const device = await api(app.url, '/devices', { method: 'POST', token, body: { type: 'phone', brand: 'Bench', model: 'One' } });
    const repair = await api(app.url, '/repairs', { method: 'POST', token, body: { deviceId: device.id, issueDescription: 'Benchmark conversation please', urgency: 'normal' } });
    const conversation = await api(app.url, '/conversations', { method: 'POST', token, body: { repairRequestId: repair.id } });
    const sender = await connect(`${app.url}/chat`, token);
    const receivers = await Promise.all(Array.from({ length: ROOM_SIZE - 1 }, () => connect(`${app.url}/chat`, admin.accessToken)));
    for (const socket of [sender, ...receivers]) {
      const ack = await socket.timeout(10_000).emitWithAck('conversation:join', { conversationId: conversation.id });
      if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
    }
    rooms.push({ id: conversation.id, sender, receivers });
  }
  return rooms;
}

async function plainRooms() {
  const http = createServer();
  const server = new Server(http, { maxHttpBufferSize: 16 * 1024 });
  server.of('/chat').on('connection', (socket) => {
    socket.on('conversation:join', ({ conversationId }, ack) => {
      socket.join(conversationId);
      ack({ ok: true, missed: [] });
    });
    socket.on('message:send', ({ conversationId, content, clientId }, ack) => {
      const message = { id: randomUUID(), conversationId, senderId: null, type: 'text', content, clientId, createdAt: new Date().toISOString() };
      server.of('/chat').to(conversationId).emit('message:new', { message });
      ack({ ok: true, message });
    });
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${http.address().port}/chat`;
  const rooms = [];
  for (let r = 0; r < ROOMS; r++) {
    const id = randomUUID();
    const sockets = await Promise.all(Array.from({ length: ROOM_SIZE }, () => connect(url)));
    for (const socket of sockets) await socket.emitWithAck('conversation:join', { conversationId: id });
    rooms.push({ id, sender: sockets[0], receivers: sockets.slice(1) });
  }
  return { rooms, close: () => new Promise((r) => server.close(r)) };
}

const closeRooms = (rooms) => rooms.forEach((room) => [room.sender, ...room.receivers].forEach((s) => s.close()));

export async function run({ createDatabase, startApp, compare, DURATION_S }) {
  const db = await createDatabase();
  const app = await startApp({
    databaseUrl: db.url,
    port: 3901,
    env: { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, CHAT_RATE_PER_SECOND: '1000', CHAT_RATE_BURST: '1000' },
  });
  try {
    const ours = await ourRooms(app);
    const oursResult = await fanOut(ours, DURATION_S);
    closeRooms(ours);
    const plain = await plainRooms();
    const baseline = await fanOut(plain.rooms, DURATION_S);
    closeRooms(plain.rooms);
    await plain.close();
    const label = `chat fan-out ${ROOMS * ROOM_SIZE} sockets, rooms of ${ROOM_SIZE}, ${RATE} msg/s (delivered/s) vs plain socket.io`;
    return [compare(label, oursResult, baseline, 0.8)];
  } finally {
    await app.stop();
    await db.drop();
  }
}
