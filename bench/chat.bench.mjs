// Chat fan-out at saturation. CLIENTS sockets in rooms of ROOM_SIZE; a room's messages are sent in turn
// by its sockets (each stays under the production per-socket budget of 10 messages/s) and every socket in
// the room receives `message:new`. Ours runs with its production defaults (rate limits on) through the
// /chat gateway (JWT handshake, participation check, persistence in PostgreSQL, then broadcast); the
// baseline (chat.plain.mjs, its own process) is plain socket.io doing the same broadcast without auth or
// persistence. The load generator (these sockets) is the bench process, apart from both servers.
// For each server the send rate rises until delivery falls behind; the maxima are compared, then both
// run at 80 % of the lower maximum for their p99 send-to-delivery latency. Last, PostgreSQL alone runs
// our per-message transaction as fast as it can (no server, no sockets): the ceiling a design that
// commits each message on its own cannot pass on this machine, whatever the server does.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import { api, startBare } from './lib.mjs';

const dist = (path) => import(pathToFileURL(join(import.meta.dirname, '..', 'backend/dist', path)).href);

const CLIENTS = Number(process.env.BENCH_CHAT_CLIENTS ?? 1000);
const ROOM_SIZE = Number(process.env.BENCH_CHAT_ROOM_SIZE ?? 50);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 100); // starting (and realtime-scale's fixed) rate, msg/s over all rooms
const STEP_S = Number(process.env.BENCH_CHAT_STEP_S ?? 5);
/** Delivery has fallen behind when p99 send-to-delivery exceeds this, or messages or acks go missing. */
const MAX_P99_MS = Number(process.env.BENCH_CHAT_MAX_P99_MS ?? 1000);
/** Per socket, below the production budget (CHAT_RATE_PER_SECOND 10): the cap the search cannot exceed. */
const PER_SOCKET_RATE = 8;
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
 * Sends `rate` messages/s over all `rooms` = [{ id, sender, receivers }] for `durationS` (each room's
 * sockets take turns sending, paced by the clock), then waits for acks and stragglers. Latency is measured in this process
 * (sender and receivers share a clock). Returns delivered/s, p99 and whether delivery kept up.
 */
export async function fanOut(rooms, durationS, rate = RATE) {
  const latencies = [];
  let sent = 0;
  let acked = 0;
  let failed = 0;
  for (const room of rooms) {
    for (const socket of [room.sender, ...room.receivers]) {
      socket.on('message:new', ({ message }) => latencies.push(performance.now() - Number(message.content.split(' ')[0])));
    }
  }
  const turns = rooms.map(() => 0);
  const send = (r) => {
    const room = rooms[r];
    const members = [room.sender, ...room.receivers];
    const socket = members[turns[r]++ % members.length];
    sent++;
    socket
      .timeout(10_000)
      .emit(
        'message:send',
        { conversationId: room.id, content: `${performance.now()} bench message`, clientId: randomUUID() },
        (err, ack) => {
          if (err || !ack?.ok) failed++;
          else acked++;
        },
      );
  };
  // Every few ms, send what is due by the clock (rooms in turn), so timer drift does not lower the rate.
  const start = performance.now();
  const ticker = setInterval(() => {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    while (sent < due) send(sent % rooms.length);
  }, 5);
  await new Promise((r) => setTimeout(r, durationS * 1000));
  clearInterval(ticker);
  const elapsed = (performance.now() - start) / 1000;
  const expected = sent * (ROOM_SIZE > 1 ? rooms[0].receivers.length + 1 : 1);
  for (let waited = 0; (acked + failed < sent || latencies.length < expected) && waited < 11_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  rooms.forEach((room) => [room.sender, ...room.receivers].forEach((s) => s.off('message:new')));
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
  const keptUp = failed === 0 && acked === sent && latencies.length >= expected && p99 <= MAX_P99_MS;
  return { rps: latencies.length / elapsed, p99, sent, sentRate: sent / elapsed, failed, missing: expected - latencies.length, keptUp };
}

/**
 * The highest send rate (msg/s) at which `rooms` keep up: doubling from RATE, then two bisection steps.
 * The search stops at the per-socket budget's cap, or where this process cannot send any faster
 * (it sends less than 90 % of the asked rate): then the server's maximum is at least that.
 */
async function saturation(name, rooms) {
  const cap = PER_SOCKET_RATE * rooms.length * ROOM_SIZE;
  let good = 0;
  let bad = null;
  let limit = null;
  const step = async (rate) => {
    const result = await fanOut(rooms, STEP_S, rate);
    const generatorBound = result.sentRate < 0.9 * rate;
    console.error(
      `  ${name} ${rate} msg/s (sent ${result.sentRate.toFixed(0)}/s): delivered ${result.rps.toFixed(0)}/s, p99 ${result.p99.toFixed(0)} ms` +
        `${result.keptUp ? '' : `, behind (${result.failed} failed, ${result.missing} missing)`}${generatorBound ? ', load generator saturated' : ''}`,
    );
    if (result.keptUp && generatorBound) {
      good = Math.max(good, Math.round(result.sentRate));
      limit = 'the load generator';
    } else if (result.keptUp) good = Math.max(good, rate);
    else bad = Math.min(bad ?? rate, rate);
  };
  for (let rate = RATE; bad === null && limit === null; rate = Math.min(rate * 2, cap)) {
    await step(rate);
    if (rate === cap && bad === null) limit ??= 'the per-socket budget';
  }
  for (let i = 0; i < 2 && bad !== null && good > 0; i++) {
    const mid = Math.round((good + bad) / 2);
    if (mid === good || mid === bad) break;
    await step(mid);
  }
  if (good === 0) throw new Error(`${name} does not keep up even at ${RATE} msg/s`);
  return { max: good, limit: bad === null ? limit : null };
}

async function ourRooms(app) {
  const admin = await api(app.url, '/auth/login', { method: 'POST', body: ADMIN, from: '127.0.9.1' });
  const rooms = [];
  for (let r = 0; r < ROOMS; r++) {
    // Each customer from their own address, as the production rate limits expect.
    const from = `127.0.10.${r + 2}`;
    const email = `bench-chat-${r}-${Date.now()}@example.test`;
    const customer = await api(app.url, '/auth/register', {
      method: 'POST',
      body: { email, password: PASSWORD, name: `Bench ${r}` },
      from,
    });
    const token = customer.accessToken;
    const device = await api(app.url, '/devices', { method: 'POST', token, body: { type: 'phone', brand: 'Bench', model: 'One' }, from });
    const repair = await api(app.url, '/repairs', {
      method: 'POST',
      token,
      body: { deviceId: device.id, issueDescription: 'Benchmark conversation please', urgency: 'normal' },
      from,
    });
    const conversation = await api(app.url, '/conversations', { method: 'POST', token, body: { repairRequestId: repair.id }, from });
    const sender = await connect(`${app.url}/chat`, token);
    const receivers = await Promise.all(Array.from({ length: ROOM_SIZE - 1 }, () => connect(`${app.url}/chat`, admin.accessToken)));
    for (const socket of [sender, ...receivers]) {
      const ack = await socket.timeout(10_000).emitWithAck('conversation:join', { conversationId: conversation.id });
      if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
    }
    rooms.push({ id: conversation.id, sender, receivers, staffId: admin.user.id });
  }
  return rooms;
}

/**
 * Transactions per second PostgreSQL completes when it runs nothing but our per-message transaction
 * (BEGIN, the webhook-subscriber check, the insert statement, COMMIT: the statements `ChatService.send`
 * issues, imported from the build) over node-pg with our default pool of 10 connections, for `durationS`.
 */
async function storeCeiling(databaseUrl, rooms, durationS) {
  const [{ INSERT_TEXT_MESSAGE_SQL }, { WebhooksRepository }] = await Promise.all([
    dist('chat/message-insert.query.js'),
    dist('integrations/webhooks.repository.js'),
  ]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let committed = 0;
  const until = performance.now() + durationS * 1000;
  const worker = async (w) => {
    const client = await pool.connect();
    const manager = { query: async (text, values) => (await client.query(text, values)).rows };
    try {
      for (let i = w; performance.now() < until; i++) {
        const room = rooms[i % rooms.length];
        await client.query('BEGIN');
        await WebhooksRepository.hasSubscribers(manager, 'message.created');
        const rows = await manager.query(INSERT_TEXT_MESSAGE_SQL, [room.id, room.staffId, `${performance.now()} bench message`, randomUUID()]);
        if (rows.length !== 1) throw new Error('the benchmark insert stored nothing');
        await client.query('COMMIT');
        committed++;
      }
    } finally {
      client.release();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 10 }, (_, w) => worker(w)));
  const rate = committed / ((performance.now() - start) / 1000);
  await pool.end();
  return rate;
}

async function plainRooms(url) {
  const rooms = [];
  for (let r = 0; r < ROOMS; r++) {
    const id = randomUUID();
    const sockets = await Promise.all(Array.from({ length: ROOM_SIZE }, () => connect(`${url}/chat`)));
    for (const socket of sockets) await socket.emitWithAck('conversation:join', { conversationId: id });
    rooms.push({ id, sender: sockets[0], receivers: sockets.slice(1) });
  }
  return rooms;
}

export const closeRooms = (rooms) => rooms.forEach((room) => [room.sender, ...room.receivers].forEach((s) => s.close()));

export async function run({ createDatabase, startApp, compare }) {
  const db = await createDatabase();
  const app = await startApp({
    databaseUrl: db.url,
    port: 3901,
    name: 'chat',
    // Production defaults: HTTP rate limits on, the chat's per-socket budget untouched.
    env: { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, RATE_LIMITS_ENABLED: 'true' },
  });
  const plain = await startBare('chat.plain.mjs', {});
  try {
    const ours = await ourRooms(app);
    const theirs = await plainRooms(plain.url);
    const oursMax = await app.profiled('chat saturation search', () => saturation('ours', ours));
    const plainMax = await saturation('plain', theirs);
    const at = Math.round(0.8 * Math.min(oursMax.max, plainMax.max));
    const oursAt = await fanOut(ours, STEP_S, at);
    const plainAt = await fanOut(theirs, STEP_S, at);
    closeRooms(ours);
    closeRooms(theirs);
    const ceiling = await storeCeiling(db.url, ours, 2 * STEP_S);
    console.error(`  PostgreSQL alone, our per-message transaction: ${ceiling.toFixed(0)} commits/s`);
    const capped = (m) => (m.limit ? ` (at least: ${m.limit} stopped the search)` : '');
    const sockets = ROOMS * ROOM_SIZE;
    return [
      compare(
        `chat max send rate before delivery falls behind, ${sockets} sockets, rooms of ${ROOM_SIZE}: ours ${oursMax.max}${capped(oursMax)} vs plain socket.io ${plainMax.max}${capped(plainMax)} msg/s (req/s column: msg/s sent; p99 at 80 %)`,
        { rps: oursMax.max, p99: oursAt.p99 },
        { rps: plainMax.max, p99: plainAt.p99 },
        0.8,
      ),
      compare(`(info) chat at 80 % of the lower maximum (${at} msg/s sent): delivered/s and p99`, oursAt, plainAt),
      compare(
        `(info) PostgreSQL alone running our per-message transaction (10 connections, nothing else running): commits/s vs plain socket.io's max msg/s`,
        { rps: ceiling, p99: 0 },
        { rps: plainMax.max, p99: 0 },
      ),
    ];
  } finally {
    await plain.close();
    await app.stop();
    await db.drop();
  }
}
