// Realtime scale: the chat fan-out of chat.bench.mjs with the app split by role — one `api` process for
// set-up and 3, then 2, then 1 `realtime` processes on the Redis adapter. Each room's sockets are spread
// over the realtime instances, so every message crosses instances through Redis. Compared with the
// same load on one realtime instance (ratio of delivered messages/s).
import { randomBytes } from 'node:crypto';
import { api } from './lib.mjs';
import { connect, fanOut } from './chat.bench.mjs';

const CLIENTS = Number(process.env.BENCH_CHAT_CLIENTS ?? 1000);
const ROOM_SIZE = Number(process.env.BENCH_CHAT_ROOM_SIZE ?? 50);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 100);
const ROOMS = Math.max(1, Math.floor(CLIENTS / ROOM_SIZE));
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'Bench-Lantern-Harbor-77';
const ADMIN = { email: `bench-admin-${Date.now()}@example.test`, password: PASSWORD };

/** Conversations created on the api process; room r's sockets connect round-robin to `chatUrls`. */
async function conversations(apiUrl) {
  const admin = await api(apiUrl, '/auth/login', { method: 'POST', body: ADMIN });
  const list = [];
  for (let r = 0; r < ROOMS; r++) {
    const body = { email: `bench-scale-${r}-${Date.now()}@example.test`, password: PASSWORD, name: `Bench ${r}` };
    const { accessToken: token } = await api(apiUrl, '/auth/register', { method: 'POST', body });
    const device = await api(apiUrl, '/devices', { method: 'POST', token, body: { type: 'phone', brand: 'Bench', model: 'One' } });
    const repair = await api(apiUrl, '/repairs', { method: 'POST', token, body: { deviceId: device.id, issueDescription: 'Benchmark conversation please', urgency: 'normal' } });
    const conversation = await api(apiUrl, '/conversations', { method: 'POST', token, body: { repairRequestId: repair.id } });
    list.push({ id: conversation.id, customerToken: token, staffToken: admin.accessToken });
  }
  return list;
}

async function rooms(list, chatUrls) {
  const result = [];
  let next = 0;
  const url = () => `${chatUrls[next++ % chatUrls.length]}/chat`;
  for (const c of list) {
    const sender = await connect(url(), c.customerToken);
    const receivers = await Promise.all(Array.from({ length: ROOM_SIZE - 1 }, () => connect(url(), c.staffToken)));
    for (const socket of [sender, ...receivers]) {
      const ack = await socket.timeout(10_000).emitWithAck('conversation:join', { conversationId: c.id });
      if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
    }
    result.push({ id: c.id, sender, receivers });
  }
  return result;
}

const closeRooms = (list) => list.forEach((room) => [room.sender, ...room.receivers].forEach((s) => s.close()));

export async function run({ createDatabase, startApp, compare, DURATION_S }) {
  const db = await createDatabase();
  const env = {
    REDIS_URL,
    REDIS_KEY_PREFIX: `bench-${randomBytes(4).toString('hex')}:`,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    CHAT_RATE_PER_SECOND: '1000',
    CHAT_RATE_BURST: '1000',
  };
  const apiApp = await startApp({ databaseUrl: db.url, port: 3911, env: { ...env, APP_ROLE: 'api' } });
  const realtime = [];
  try {
    for (const port of [3912, 3913, 3914]) realtime.push(await startApp({ databaseUrl: db.url, port, env: { ...env, APP_ROLE: 'realtime' } }));
    const list = await conversations(apiApp.url);
    const results = new Map();
    // 3, then 2, then 1 instance: each measurement runs on exactly that many realtime processes.
    for (let n = 3; n >= 1; n--) {
      const measured = await rooms(list, realtime.slice(0, n).map((app) => app.url));
      results.set(n, await fanOut(measured, DURATION_S));
      closeRooms(measured);
      if (n > 1) await realtime.pop().stop();
    }
    const label = (n) => `realtime ×${n} (Redis adapter), ${ROOMS * ROOM_SIZE} sockets, rooms of ${ROOM_SIZE}, ${RATE} msg/s vs ×1`;
    return [1, 2, 3].map((n) => compare(label(n), results.get(n), results.get(1), 0.9));
  } finally {
    await Promise.all(realtime.map((app) => app.stop()));
    await apiApp.stop();
    await db.drop();
  }
}
