// GET /health through Nest vs a bare Fastify route doing the same database ping, and POST /auth/login
// vs a bare route doing only the argon2id verification with the same parameters. The baseline
// (foundation.bare.mjs) runs in its own process and answers with the same headers and request id;
// ours and the baseline alternate over the rounds.
const PASSWORD = 'Bench-Lantern-Harbor-77';
/** Headers whose values differ per response by nature. */
const VARYING = new Set(['date', 'content-length', 'x-request-id', 'keep-alive', 'connection']);

/** The header names and values a response carries, minus the per-response ones; sorted for comparison. */
const headersOf = (response) =>
  [...response.headers]
    .filter(([name]) => !VARYING.has(name))
    .map(([name, value]) => `${name}: ${value}`)
    .sort()
    .join('\n');

export async function run({ createDatabase, startApp, startBare, measure, rounds, compare }) {
  const db = await createDatabase();
  const port = 3900;
  const publicUrl = `http://127.0.0.1:${port}`;
  const app = await startApp({ databaseUrl: db.url, port, name: 'foundation', env: { PUBLIC_URL: publicUrl } });
  const bare = await startBare('foundation.bare.mjs', { DATABASE_URL: db.url, PUBLIC_URL: publicUrl, BENCH_PASSWORD: PASSWORD });
  try {
    // Same headers both ways (request id included), or the comparison means nothing.
    const [ours, theirs] = [await fetch(`${app.url}/api/v1/health`), await fetch(`${bare.url}/health`)];
    if (headersOf(ours) !== headersOf(theirs))
      throw new Error(`the baseline's /health headers differ from ours:\n${headersOf(ours)}\n---\n${headersOf(theirs)}`);
    if (!ours.headers.get('x-request-id') || !theirs.headers.get('x-request-id')) throw new Error('a request id is missing');

    // A running instance has served API requests under request logging, whose first one turns on the
    // logging context (AsyncLocalStorage: every promise after it pays the hook); measuring health before
    // any of them would flatter ours. Registering is such a request.
    const email = `bench-${Date.now()}@example.test`;
    const reg = await fetch(`${app.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, name: 'Bench' }),
    });
    if (reg.status !== 201) throw new Error(`register failed: ${reg.status}`);
    const health = await app.profiled('GET /health', () => rounds([{ url: `${app.url}/api/v1/health` }, { url: `${bare.url}/health` }]));

    const login = {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token-transport': 'body' },
      body: JSON.stringify({ email, password: PASSWORD }),
      connections: 8,
    };
    const logins = await app.profiled('POST /auth/login', () =>
      rounds([
        { url: `${app.url}/api/v1/auth/login`, ...login },
        { url: `${bare.url}/login`, ...login },
      ]),
    );
    return [
      compare('GET /health vs bare Fastify + pg, same headers and request id', ...health, 0.85),
      compare('POST /auth/login vs bare Fastify + argon2.verify, same headers and request id', ...logins, 0.9),
    ];
  } finally {
    await bare.close();
    await app.stop();
    await db.drop();
  }
}
