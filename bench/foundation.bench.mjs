// GET /health through Nest vs a bare Fastify route doing the same database ping, and
// POST /auth/login vs bare argon2id verification with the same parameters.
import argon2 from 'argon2';
import Fastify from 'fastify';
import pg from 'pg';

const PASSWORD = 'Bench-Lantern-Harbor-77';

export async function run({ createDatabase, startApp, measure, measureLoop, compare }) {
  const db = await createDatabase();
  const app = await startApp({ databaseUrl: db.url });
  const rows = [];
  try {
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    const bare = Fastify();
    // Same semantics as ours: one shared database ping per second, concurrent checks wait for it.
    let cached = { at: 0, ping: null };
    const ping = () => {
      if (Date.now() - cached.at > 1000) {
        const start = Date.now();
        cached = { at: Date.now(), ping: pool.query('SELECT 1').then(() => ({ status: 'up', responseTime: Date.now() - start })) };
      }
      return cached.ping;
    };
    bare.get('/health', async () => {
      const database = await ping();
      return { status: 'ok', info: { database }, error: {}, details: { database } };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${bare.server.address().port}`;

    const ours = await measure({ url: `${app.url}/api/v1/health` });
    const baseline = await measure({ url: `${bareUrl}/health` });
    rows.push(compare('GET /health vs bare Fastify + pg', ours, baseline, 0.85));
    await bare.close();
    await pool.end();

    const email = `bench-${Date.now()}@example.test`;
    const reg = await fetch(`${app.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, name: 'Bench' }),
    });
    if (reg.status !== 201) throw new Error(`register failed: ${reg.status}`);
    const body = JSON.stringify({ email, password: PASSWORD });
    const login = await measure({
      url: `${app.url}/api/v1/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token-transport': 'body' },
      body,
      connections: 8,
    });
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const verify = await measureLoop(() => argon2.verify(hash, PASSWORD), { concurrency: 8 });
    rows.push(compare('POST /auth/login vs bare argon2.verify', login, verify, 0.9));
  } finally {
    await app.stop();
    await db.drop();
  }
  return rows;
}
