import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, tempDir } from './processes.js';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL server's bin directory, or null. */
export function postgresBinDir(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(PG_ROOT, versions[0], 'bin') : null;
}

/**
 * A PostgreSQL cluster of the test's own, in a temp dir on a free loopback port, so a test may stop
 * and start it without disturbing anything else. initdb refuses to run as root, so every command
 * runs as the `postgres` user.
 */
export class PostgresServer {
  private constructor(
    private readonly bin: string,
    private readonly root: string,
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PostgresServer> {
    const bin = postgresBinDir();
    if (!bin) throw new Error(`no PostgreSQL server under ${PG_ROOT}`);
    const root = tempDir('pg');
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout.trim()), Number(gid.trim()));
    const server = new PostgresServer(bin, root, join(root, 'data'), await freePort());
    await server.pg('initdb', ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    await server.start();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-l', join(this.dataDir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  }

  /** `fast`: open sessions are terminated and the server stops cleanly (what a restart for maintenance does). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Stops the server if it runs (the temp dir goes with `cleanUpProcesses`). */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.stop('immediate').catch(() => undefined);
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    await run('runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args], { cwd: this.root, timeout: 90_000 });
  }
}
