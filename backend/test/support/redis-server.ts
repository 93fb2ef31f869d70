import { Redis } from 'ioredis';
import { ManagedProcess, freePort, tempDir, waitFor } from './processes.js';

/**
 * A Redis of the test's own on a free loopback port, configured like the compose file's (append-only
 * file, no eviction), so stopping and starting it keeps queued jobs and disturbs nothing else.
 */
export class RedisServer {
  private process: ManagedProcess | null = null;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<RedisServer> {
    const server = new RedisServer(tempDir('redis'), await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ];
    this.process = new ManagedProcess('redis', 'redis-server', args, {});
    await waitFor('Redis to answer', () => this.ping(), 15_000).catch((error) => {
      throw new Error(`${error.message}\n${this.process?.output}`);
    });
  }

  /** SIGTERM: Redis flushes its append-only file and exits, as `docker stop` would make it. */
  async stop(): Promise<void> {
    await this.process?.stop('SIGTERM');
    this.process = null;
  }

  private async ping(): Promise<true | undefined> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG' ? true : undefined;
    } finally {
      client.disconnect();
    }
  }
}
