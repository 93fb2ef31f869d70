import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient } from './api-client.js';
import type { AppProcess } from './app-process.js';
import { ManagedProcess, freePort, tempDir, waitFor } from './processes.js';

export const NGINX = '/usr/sbin/nginx';
const TEMPLATE = fileURLToPath(new URL('../../../deploy/nginx.conf.template', import.meta.url));

export interface NginxSettings {
  NGINX_LISTEN: string;
  API1_UPSTREAM: string;
  API2_UPSTREAM: string;
  REALTIME1_UPSTREAM: string;
  REALTIME2_UPSTREAM: string;
}

/** `host:port` of the instances behind each route; two `all` instances serve both. */
export type Upstreams = [string, string] | { api: [string, string]; realtime: [string, string] };

/** `deploy/nginx.conf.template` with its `${NAME}` placeholders filled, as the nginx image's envsubst step does. */
export function renderNginxConfig(settings: NginxSettings): string {
  const rendered = readFileSync(TEMPLATE, 'utf8').replace(/\$\{(\w+)\}/g, (placeholder, name: string) => {
    if (!(name in settings)) throw new Error(`deploy/nginx.conf.template: no value for ${placeholder}`);
    return settings[name as keyof NginxSettings];
  });
  return rendered;
}

/**
 * Debian's nginx running the shipped balancer config in front of the app instances, listening on a
 * free loopback port. The pid file and error log go to a temp dir (`-g`, `-e`), nothing else differs.
 */
export class NginxBalancer {
  private constructor(
    readonly port: number,
    private readonly child: ManagedProcess,
  ) {}

  static available(): boolean {
    return existsSync(NGINX);
  }

  static async start(upstreams: Upstreams, port?: number): Promise<NginxBalancer> {
    const { api, realtime } = Array.isArray(upstreams) ? { api: upstreams, realtime: upstreams } : upstreams;
    const dir = tempDir('nginx');
    port ??= await freePort();
    const config = join(dir, 'nginx.conf');
    writeFileSync(
      config,
      renderNginxConfig({
        NGINX_LISTEN: `127.0.0.1:${port}`,
        API1_UPSTREAM: api[0],
        API2_UPSTREAM: api[1],
        REALTIME1_UPSTREAM: realtime[0],
        REALTIME2_UPSTREAM: realtime[1],
      }),
    );
    const child = new ManagedProcess(
      'nginx',
      NGINX,
      ['-p', dir, '-c', config, '-e', join(dir, 'error.log'), '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`],
      {},
    );
    const balancer = new NginxBalancer(port, child);
    // Plain fetch: any answer will do, including nginx's own 502 while no instance is up yet.
    await waitFor('nginx to answer', async () => (await fetch(`${balancer.url}/api/v1/health`)).status > 0 || undefined, 15_000).catch(
      (error) => {
        const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
        throw new Error(`${error.message}\n${child.output}\n${log}`);
      },
    );
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A client of the balancer's API connecting from `address` (its client IP). */
  client(address: string): ApiClient {
    return new ApiClient(`${this.url}/api/v1`, { from: address });
  }

  /**
   * For each app instance, `perApp` loopback client addresses that ip_hash sends to it: nginx hashes the
   * first three octets of an IPv4 address, so 127.0.N.1 for a few N reach both. Which instance served a
   * probe is read from its request log (the balancer's X-Request-Id is echoed and logged).
   */
  async addressesReaching(apps: AppProcess[], perApp = 1): Promise<string[][]> {
    const found = new Map<AppProcess, string[]>(apps.map((app) => [app, []]));
    const done = () => [...found.values()].every((list) => list.length >= perApp);
    for (let n = 0; n < 128 && !done(); n++) {
      const address = `127.0.${n}.1`;
      const client = this.client(address);
      const probe = await client.get('/payments/config');
      const requestId = probe.headers.get('x-request-id') ?? '';
      const app = await waitFor(`the instance that served ${requestId}`, () => apps.find((a) => a.served(requestId)), 5_000);
      const list = found.get(app)!;
      if (list.length < perApp) list.push(address);
    }
    if (!done()) throw new Error(`fewer than ${perApp} client addresses reach each instance`);
    return apps.map((app) => found.get(app)!);
  }

  async stop(): Promise<void> {
    await this.child.stop('SIGQUIT', 5_000);
  }
}
