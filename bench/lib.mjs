// Shared benchmark helpers. Every scenario measures our full stack and a raw baseline in the same
// run on the same machine and reports ratios, because absolute numbers on shared machines are noise.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Agent, fetch } from 'undici';
import { summarize } from './profile-top.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_S = 2;
/** Set by `npm run bench -- --profile`: where CPU profiles of our server go. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

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

/**
 * Starts the built app (backend/dist) as its own process, the way production runs it. With `--profile`
 * it loads profile.preload.mjs; `app.profiled(label, fn)` then records a CPU profile while `fn` runs.
 */
export async function startApp({ databaseUrl, port = 3900, env = {}, name = `app-${port}` }) {
  const profileFile = PROFILE_DIR && join(PROFILE_DIR, name);
  if (profileFile) mkdirSync(PROFILE_DIR, { recursive: true });
  const child = spawn(
    process.execPath,
    [...(profileFile ? ['--import', join(ROOT, 'bench/profile.preload.mjs')] : []), join(ROOT, 'backend/dist/main.js')],
    {
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
        ...(profileFile ? { BENCH_PROFILE_FILE: profileFile } : {}),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  pids.set(url, child.pid);
  await waitFor(`${url}/api/v1/health`);
  let profiles = 0;
  return {
    url,
    /** Runs `fn`; with `--profile`, profiles this server meanwhile and prints where its CPU went per request. */
    async profiled(label, fn) {
      if (!profileFile) return fn();
      child.kill('SIGWINCH');
      const started = served.get(url) ?? 0;
      const result = await fn();
      child.kill('SIGWINCH');
      const file = `${profileFile}.${profiles++}.cpuprofile`;
      while (!existsSync(`${file}.done`)) await new Promise((r) => setTimeout(r, 100));
      console.error(summarize(file, { label, requests: (served.get(url) ?? 0) - started, top: 15 }));
      return result;
    },
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Starts a baseline server script (it prints its port on the first stdout line) in its own process. */
export async function startBare(script, env) {
  const child = spawn(process.execPath, [join(ROOT, 'bench', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  const url = `http://127.0.0.1:${line.trim()}`;
  pids.set(url, child.pid);
  return {
    url,
    async close() {
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

/** Requests answered so far per server origin (for CPU per request in profiles). */
const served = new Map();
/** Server origin → process id, to read the CPU time each server spent on a measurement. */
const pids = new Map();
/** User + system CPU ms a process has used so far (Linux /proc; clock ticks of 10 ms). */
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/**
 * Runs autocannon in its own process (autocannon.child.mjs) and returns requests/s and p99 latency (ms);
 * any error or non-2xx fails the run. `paths`: request paths to cycle through.
 */
export async function measure({ url, method = 'GET', headers = {}, body, connections = 20, duration = DURATION_S, paths }) {
  const child = fork(join(ROOT, 'bench/autocannon.child.mjs'), { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = once(child, 'exit');
  const origin = new URL(url).origin;
  const pid = pids.get(origin);
  const cpuBefore = pid && cpuMs(pid);
  child.send({ url, method, headers, body, connections, duration, paths });
  const [result] = await once(child, 'message');
  const cpu = pid ? cpuMs(pid) - cpuBefore : NaN;
  await exited;
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${method} ${url}: ${failures} failed requests (${result.non2xx} non-2xx, ${result.errors} errors)`);
  served.set(origin, (served.get(origin) ?? 0) + result.requests * duration);
  return { rps: result.requests, p99: result.p99, cpuPerRequest: cpu / (result.requests * duration) };
}

/**
 * Measures every variant `ROUNDS` times after a warm-up, rotating which goes first, so load from other work on the
 * machine falls on all of them alike. Returns each variant's runs, round by round.
 */
export async function rounds(variants, run = measure) {
  // Unrecorded warm-up, so neither side is measured while V8 is still compiling its hot paths.
  for (const variant of variants) await run({ ...variant, duration: WARM_UP_S });
  const results = variants.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + round) % variants.length;
      results[i][round] = await run(variants[i]);
    }
  }
  return results;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const agents = new Map();
/** One connection pool per loopback source address (`from`), as each person comes from their own network. */
const agentFrom = (address) => agents.get(address) ?? agents.set(address, new Agent({ localAddress: address })).get(address);

/** One JSON call to the app under test (refresh tokens in the body), from `from` if given; throws on any non-2xx. */
export async function api(url, path, { method = 'GET', token, body, from } = {}) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    ...(from ? { dispatcher: agentFrom(from) } : {}),
    headers: { 'content-type': 'application/json', 'x-token-transport': 'body', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * One table row. `ours` and `baseline` are runs round by round (or a single run); the ratio is the
 * median of the per-round ratios (each round's two runs saw the same machine), with their spread.
 */
export function compare(name, ours, baseline, target) {
  const [a, b] = [[ours].flat(), [baseline].flat()];
  const ratios = a.map((run, i) => run.rps / b[i].rps);
  const summary = (runs) => ({
    rps: median(runs.map((r) => r.rps)),
    p99: median(runs.map((r) => r.p99)),
    cpu: median(runs.map((r) => r.cpuPerRequest ?? NaN)),
  });
  return {
    name,
    ours: summary(a),
    baseline: summary(b),
    ratio: median(ratios),
    spread: [Math.min(...ratios), Math.max(...ratios)],
    target,
    load: loadavg()[0],
  };
}

export function printTable(rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(
    line([
      'scenario',
      'ours req/s',
      'ours p99 ms',
      'ours CPU ms/req',
      'baseline req/s',
      'baseline p99 ms',
      'baseline CPU ms/req',
      'ratio (median)',
      'rounds min–max',
      'load avg',
      'target',
      'met',
    ]),
  );
  console.log(line(Array(12).fill('---')));
  for (const r of rows) {
    console.log(
      line([
        r.name,
        r.ours.rps.toFixed(0),
        r.ours.p99.toFixed(1),
        Number.isNaN(r.ours.cpu) ? '' : r.ours.cpu.toFixed(3),
        r.baseline.rps.toFixed(0),
        r.baseline.p99.toFixed(1),
        Number.isNaN(r.baseline.cpu) ? '' : r.baseline.cpu.toFixed(3),
        r.ratio.toFixed(2),
        `${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)}`,
        r.load.toFixed(1),
        r.target === undefined ? '' : `≥ ${r.target}`,
        r.target === undefined ? '' : r.ratio >= r.target ? 'yes' : 'NO',
      ]),
    );
  }
}
