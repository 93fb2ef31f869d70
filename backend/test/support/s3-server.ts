import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The S3_* settings that point the app at this server. */
  env: Record<string, string>;
  /** Sets an object's last-modified time (s3rver reports its file's modification time), to age it without waiting. */
  setLastModified(key: string, at: Date): Promise<void>;
  /** Runs `hook` once, after the next bucket listing is made and before it is answered: a pause between a client's listing and its next step. */
  onNextList(hook: () => Promise<unknown>): void;
  close(): Promise<void>;
}

type KoaMiddleware = (ctx: { method: string; query: Record<string, unknown> }, next: () => Promise<void>) => Promise<void>;

/** An S3-compatible server (s3rver) on loopback with one empty bucket, its objects in a temporary directory. */
export async function startLocalS3(bucket = 'repairhub-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'repairhub-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  let listHook: (() => Promise<unknown>) | null = null;
  // s3rver is a Koa app; its middleware is composed when it starts listening, so one put first wraps every request.
  (server as unknown as { middleware: KoaMiddleware[] }).middleware.unshift(async (ctx, next) => {
    await next();
    const hook = listHook;
    if (hook && ctx.method === 'GET' && ctx.query['list-type'] === '2') {
      listHook = null;
      await hook();
    }
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    // s3rver accepts only its fixed development key pair.
    env: { S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' },
    setLastModified: async (key, at) => {
      const parts = key.split('/');
      const name = parts.pop()!;
      await utimes(join(directory, bucket, ...parts, `${name}._S3rver_object`), at, at);
    },
    onNextList: (hook) => {
      listHook = hook;
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
