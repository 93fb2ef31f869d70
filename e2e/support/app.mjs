// Starts RepairHub the way `npm start` does (scripts/start.mjs: build what is stale, then serve API and
// both apps on one port), on a free port with a throw-away embedded database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer ${url}/api/v1/health within ${timeoutMs / 1000} s`);
}

/**
 * @param {Record<string, string>} env extra environment (e.g. a short JWT_ACCESS_TTL)
 * @returns {Promise<{ url: string, env: Record<string,string>, stop(): Promise<void>, output(): string }>}
 */
export async function startApp(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'repairhub-e2e-'));
  const fullEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    ...env,
  };
  // Test-mode payments: no Stripe key reaches the app.
  delete fullEnv.STRIPE_SECRET_KEY;
  delete fullEnv.STRIPE_PUBLISHABLE_KEY;
  delete fullEnv.DATABASE_URL;
  delete fullEnv.REDIS_URL;

  let log = '';
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://localhost:${port}`;
  try {
    await waitForHealth(url, child, 300_000);
  } catch (error) {
    child.kill('SIGTERM');
    throw new Error(`${error.message}\n--- app output ---\n${log.slice(-4000)}`);
  }
  return {
    url,
    env: fullEnv,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
