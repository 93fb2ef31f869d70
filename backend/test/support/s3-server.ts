import { fork } from 'node:child_process';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The S3_* settings that point the app at this server. */
  env: Record<string, string>;
  /** Sets an object's last-modified time (s3rver reports its file's modification time), to age it without waiting. */
  setLastModified(key: string, at: Date): Promise<void>;
  /**
   * Runs `hook` once, after the server has made the next bucket listing and before it answers it: a
   * pause between a client's listing and its next step. Resolves once the server will hold it.
   */
  onNextList(hook: () => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
}

type Message = { type: 'ready'; port: number } | { type: 'holding' | 'listed' };

/** An S3-compatible server (s3rver, in a process of its own) on loopback with one empty bucket, its objects in a temporary directory. */
export async function startLocalS3(bucket = 'repairhub-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'repairhub-s3-'));
  const child = fork(fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url)), [JSON.stringify({ directory, bucket })], {
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: Message['type']) =>
    new Promise<Message>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if ((message as Message).type !== type) return;
        child.off('message', onMessage);
        resolve(message as Message);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`s3rver exited while waiting for "${type}"`)));
    });
  const ready = (await next('ready')) as Extract<Message, { type: 'ready' }>;
  // A test that fails before close() must not keep Jest alive.
  child.unref();
  child.channel?.unref();
  const endpoint = `http://127.0.0.1:${ready.port}`;
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
    onNextList: async (hook) => {
      const holding = next('holding');
      void next('listed').then(
        () =>
          hook()
            // The test sees a failed hook by its effect; the listing is answered either way.
            .catch((error: unknown) => console.error('onNextList hook failed', error))
            .finally(() => child.send({ type: 'release' })),
        () => undefined,
      );
      child.send({ type: 'hold' });
      await holding;
    },
    close: async () => {
      if (child.exitCode === null) {
        child.send({ type: 'close' });
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
