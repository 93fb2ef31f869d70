// Shared benchmark helpers. Every scenario measures our full stack and a raw baseline in the same
// run on the same machine and reports ratios, because absolute numbers on shared machines are noise.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);

/** A throw-away PostgreSQL database for one scenario. */
export async function createDatabase() {
  const name = `rh_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Starts the built app (backend/dist) as its own process, the way production runs it. */
export async function startApp({ databaseUrl, port = 3900, env = {} }) {
  const child = spawn(process.execPath, [join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: join(ROOT, '.data/bench'),
      DEMO_DATA: 'false',
      RATE_LIMITS_ENABLED: 'false',
      SERVE_APPS: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/v1/health`);
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** Runs autocannon and returns requests/s and p99 latency (ms); any error or non-2xx fails the run. */
export async function measure({ url, method = 'GET', headers = {}, body, connections = 20, duration = DURATION_S, requests }) {
  const result = await autocannon({ url, method, headers, body, connections, duration, requests });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${method} ${url}: ${failures} failed requests (${result.non2xx} non-2xx, ${result.errors} errors)`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** Calls `fn` from `concurrency` loops for `durationS` seconds; for baselines that are not HTTP. */
export async function measureLoop(fn, { concurrency = 4, durationS = DURATION_S } = {}) {
  const latencies = [];
  const deadline = performance.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        await fn();
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / durationS, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

/** One JSON call to the app under test (refresh tokens in the body); throws on any non-2xx. */
export async function api(url, path, { method = 'GET', token, body } = {}) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-token-transport': 'body', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export function compare(name, ours, baseline, target) {
  return { name, ours, baseline, ratio: ours.rps / baseline.rps, target };
}

export function printTable(rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(line(['scenario', 'ours req/s', 'ours p99 ms', 'baseline req/s', 'baseline p99 ms', 'ratio', 'target', 'met']));
  console.log(line(Array(8).fill('---')));
  for (const r of rows) {
    console.log(
      line([
        r.name,
        r.ours.rps.toFixed(0),
        r.ours.p99.toFixed(1),
        r.baseline.rps.toFixed(0),
        r.baseline.p99.toFixed(1),
        r.ratio.toFixed(2),
        r.target === undefined ? '' : `≥ ${r.target}`,
        r.target === undefined ? '' : r.ratio >= r.target ? 'yes' : 'NO',
      ]),
    );
  }
}
