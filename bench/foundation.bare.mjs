// The baseline server of foundation.bench.mjs, in its own process like ours (see bare.mjs for the
// headers and request id it shares with ours):
// - GET /health: the same terminus-shaped body and cache-control, the same result shared for 1 s;
// - POST /login: argon2id verification of the posted password against a hash with our parameters
//   (m=19 MiB, t=2, p=1), nothing else: the floor a login cannot go below.
// Env: DATABASE_URL, PUBLIC_URL, BENCH_PASSWORD. Prints the port.
import argon2 from 'argon2';
import pg from 'pg';
import { announce, bareFastify } from './bare.mjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const hash = await argon2.hash(process.env.BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });

// Same semantics as ours: every check within a second gets the same result (one `SELECT 1` per second).
let cached = { at: -Infinity, result: null };
const check = () => {
  if (Date.now() - cached.at >= 1000) {
    const start = Date.now();
    const result = pool.query('SELECT 1').then(() => {
      const database = { status: 'up', responseTime: Date.now() - start };
      return { status: 'ok', info: { database }, error: {}, details: { database } };
    });
    cached = { at: start, result };
  }
  return cached.result;
};

const app = bareFastify();
app.get('/health', async (_request, reply) => {
  reply.header('cache-control', 'no-cache, no-store, must-revalidate'); // as terminus' @HealthCheck()
  return check();
});
app.post('/login', async (request, reply) => {
  if (!(await argon2.verify(hash, request.body?.password ?? ''))) return reply.code(401).send({ status: 401 });
  return { ok: true };
});
await announce(app);
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
