// Scale-out load: a mixed workload (browse lists, read details, post chat messages, accept quotes)
// against one instance, then against two instances sharing PostgreSQL and Redis (requests spread
// over both, the technician's socket on the second one), in the same run. Reports throughput and
// p99 per setup, fails on any error and on any message the technician's socket did not receive.
// Needs Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379) besides PostgreSQL.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { api } from './lib.mjs';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CUSTOMERS = Number(process.env.BENCH_LOAD_CUSTOMERS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_LOAD_CONCURRENCY ?? 16);
const PASSWORD = 'Bench-Lantern-Harbor-77';
const ADMIN = { email: `bench-admin-${Date.now()}@example.test`, password: PASSWORD };
/** Share of each operation in the mix. */
const MIX = [
  ['list', 0.4],
  ['detail', 0.3],
  ['message', 0.2],
  ['accept', 0.1],
];

function connect(url, token) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function seed(url) {
  const admin = await api(url, '/auth/login', { method: 'POST', body: ADMIN });
  const techEmail = `bench-tech-${randomUUID().slice(0, 8)}@example.test`;
  await api(url, '/users', { method: 'POST', token: admin.accessToken, body: { email: techEmail, password: PASSWORD, name: 'Bench Tech', role: 'technician' } });
  const tech = await api(url, '/auth/login', { method: 'POST', body: { email: techEmail, password: PASSWORD } });
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const c = await api(url, '/auth/register', { method: 'POST', body: { email: `bench-c${i}-${randomUUID().slice(0, 8)}@example.test`, password: PASSWORD, name: `Customer ${i}` } });
    const device = await api(url, '/devices', { method: 'POST', token: c.accessToken, body: { type: 'phone', brand: 'Bench', model: `Model ${i}` } });
    const repair = await api(url, '/repairs', { method: 'POST', token: c.accessToken, body: { deviceId: device.id, issueDescription: 'Cracked screen', urgency: 'normal' } });
    await api(url, `/repairs/${repair.id}/assign`, { method: 'POST', token: tech.accessToken, body: {} });
    const quote = await api(url, '/quotes', { method: 'POST', token: tech.accessToken, body: { repairRequestId: repair.id, partsCost: 9000, laborCost: 3000, currency: 'usd' } });
    const conversation = await api(url, '/conversations', { method: 'POST', token: c.accessToken, body: { repairRequestId: repair.id } });
    customers.push({ token: c.accessToken, repairId: repair.id, quoteId: quote.id, conversationId: conversation.id });
  }
  return { tech, customers };
}

/** Runs the mix for `durationS` over `urls` (round robin); counts messages the technician's socket must receive. */
async function workload(urls, customers, tech, durationS) {
  const socket = await connect(urls[urls.length - 1], tech.accessToken);
  for (const c of customers) {
    const ack = await socket.timeout(10_000).emitWithAck('conversation:join', { conversationId: c.conversationId });
    if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
  }
  const posted = new Set();
  const received = new Set();
  socket.on('message:new', ({ message }) => received.add(message.id));

  const latencies = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const url = urls[next++ % urls.length];
        const c = customers[Math.floor(Math.random() * customers.length)];
        let r = Math.random();
        const op = MIX.find(([, share]) => (r -= share) < 0)?.[0] ?? 'list';
        const start = performance.now();
        try {
          if (op === 'list') await api(url, '/repairs?limit=20', { token: c.token });
          else if (op === 'detail') await api(url, `/repairs/${c.repairId}`, { token: c.token });
          else if (op === 'accept') await api(url, `/quotes/${c.quoteId}/accept`, { method: 'POST', token: c.token, body: {} });
          else posted.add((await api(url, `/conversations/${c.conversationId}/messages`, { method: 'POST', token: c.token, body: { content: 'Any news?', clientId: randomUUID() } })).id);
          latencies.push(performance.now() - start);
        } catch (error) {
          errors++;
          if (errors <= 3) console.error(String(error));
        }
      }
    }),
  );
  // Give the last broadcasts a moment, then count what never arrived.
  await new Promise((r) => setTimeout(r, 2000));
  socket.close();
  const lost = [...posted].filter((id) => !received.has(id)).length;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / durationS, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, errors, posted: posted.size, lost };
}

export async function run(lib) {
  const durationS = Math.max(lib.DURATION_S, 20);
  const db = await lib.createDatabase();
  const env = { REDIS_URL, REDIS_KEY_PREFIX: `rh-bench-${randomUUID().slice(0, 8)}:`, BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, JWT_ACCESS_TTL: '1h' };
  const a = await lib.startApp({ databaseUrl: db.url, port: 3960, env });
  const b = await lib.startApp({ databaseUrl: db.url, port: 3961, env });
  try {
    const { tech, customers } = await seed(a.url);
    const one = await workload([a.url], customers, tech, durationS);
    const two = await workload([a.url, b.url], customers, tech, durationS);
    for (const [name, r] of [['one instance', one], ['two instances + Redis', two]]) {
      console.log(`${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors, ${r.posted} messages posted, ${r.lost} lost`);
      if (r.errors > 0 || r.lost > 0) throw new Error(`${name}: ${r.errors} errors, ${r.lost} lost messages`);
    }
    return [lib.compare('mixed load: 2 instances + Redis vs 1', two, one, undefined)];
  } finally {
    await b.stop();
    await a.stop();
    await db.drop();
  }
}
