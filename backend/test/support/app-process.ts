import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ApiClient } from './api-client.js';
import { ManagedProcess, freePort, tempDir, waitFor } from './processes.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Secrets of the kind an operator generates for a deployment (`openssl rand`), new for each test file. */
export function generatedSecrets() {
  return {
    JWT_ACCESS_SECRET: randomBytes(48).toString('base64url'),
    JWT_REFRESH_SECRET: randomBytes(48).toString('base64url'),
    SERIAL_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    STRIPE_SECRET_KEY: `sk_test_${randomBytes(16).toString('hex')}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
  };
}

/**
 * One app instance as it ships: `node backend/dist/main.js` in its own process with NODE_ENV=production,
 * started from an empty working directory (no `.env` is read), with only the environment given here.
 * It can be killed and started again on the same port.
 */
export class AppProcess {
  readonly api: ApiClient;
  private child: ManagedProcess | null = null;
  private readonly cwd = tempDir('app');
  /** Output of every run of this instance (a restart keeps what the killed run printed). */
  private history = '';

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.api = new ApiClient(`${this.baseUrl}/api/v1`);
  }

  static async start(name: string, env: Record<string, string>, options: { port?: number } = {}): Promise<AppProcess> {
    const port = options.port ?? (await freePort());
    const app = new AppProcess(name, port, { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env });
    await app.start();
    return app;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child?.alive ?? false;
  }

  get output(): string {
    return this.history + (this.child?.output.toString() ?? '');
  }

  /** Starts the process and waits until its liveness probe answers 200 (a cold start runs migrations). */
  async start(): Promise<void> {
    if (this.child) this.history += this.child.output.toString();
    const child = new ManagedProcess(this.name, process.execPath, [MAIN], { cwd: this.cwd, env: { PATH: process.env.PATH, ...this.env } });
    this.child = child;
    // Promise.race below handles this rejection whenever it comes.
    const exited = child.exited.then(({ code, signal }) => {
      throw new Error(`${this.name} exited (${code ?? signal}) while starting`);
    });
    await Promise.race([
      waitFor(
        `${this.name} to listen`,
        async () => ((await this.api.get('/health', { timeoutMs: 2000 })).status === 200 ? true : undefined),
        120_000,
        100,
      ),
      exited,
    ]).catch((error) => {
      throw new Error(`${error.message}\n${this.output.slice(-4000)}`);
    });
  }

  /** Sends `signal` and waits for the process to end (SIGKILL: at once, nothing runs its shutdown). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const running = this.child;
    if (!running) return { code: null, signal: null };
    running.signal(signal);
    return running.exited;
  }

  /** Whether this instance logged the request with this id (which instance the balancer chose). */
  served(requestId: string): boolean {
    return this.output.includes(requestId);
  }
}
