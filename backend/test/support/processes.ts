import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractViolation } from './openapi-contract.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on at the moment (the kernel picks it), on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `probe` until it returns a value (a throw counts as "not yet"), at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<T> {
  let lastError: unknown;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch((error: unknown) => {
        // A probe that is not ready yet may fail; an answer that breaks the API document is a finding, not a retry.
        if (error instanceof ContractViolation) throw error;
        lastError = error;
        return undefined;
      });
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
  const cause = lastError === undefined ? '' : ` (last probe failed: ${String((lastError as Error)?.message ?? lastError)})`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
}

/** Keeps the last `limit` characters of a stream, for failure messages. */
class Tail {
  private text = '';
  constructor(private readonly limit = 256 * 1024) {}
  push(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > this.limit) this.text = this.text.slice(-this.limit);
  }
  toString(): string {
    return this.text;
  }
}

const running = new Set<ManagedProcess>();
const tempDirs = new Set<string>();

/** A child process whose output is kept and which `cleanUpProcesses` kills if the test did not. */
export class ManagedProcess {
  readonly output = new Tail();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: SpawnOptions,
  ) {
    this.child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk) => this.output.push(chunk));
    this.child.stderr!.on('data', (chunk) => this.output.push(chunk));
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.output.push(`${error.message}\n`);
        running.delete(this);
        resolve({ code: -1, signal: null });
      });
      this.child.once('exit', (code, signal) => {
        running.delete(this);
        resolve({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  /** Sends `signal`, then SIGKILL if it is still running after `graceMs`; resolves once it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A fresh directory under the OS temp dir, removed by `cleanUpProcesses`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `repairhub-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Kills every process started through `ManagedProcess` that is still running and removes the temp dirs. */
export async function cleanUpProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop('SIGKILL')));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
