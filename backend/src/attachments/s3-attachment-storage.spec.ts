import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { StoredObject } from './attachment-storage.js';
import { S3AttachmentStorage } from './s3-attachment-storage.js';

const BUCKET = 'list-test';

describe('S3AttachmentStorage.list (against s3rver)', () => {
  let directory: string;
  let server: S3rver;
  let storage: S3AttachmentStorage;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'repairhub-s3-list-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await server.run();
    storage = new S3AttachmentStorage({
      kind: 's3',
      bucket: BUCKET,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    });
  });
  afterAll(async () => {
    storage?.onModuleDestroy();
    await server?.close();
    await rm(directory, { recursive: true, force: true });
  });

  const pages = async (pageSize?: number) => {
    const all: StoredObject[][] = [];
    for await (const page of storage.list(pageSize)) all.push(page);
    return all;
  };

  it('lists nothing in an empty bucket', async () => {
    expect(await pages()).toEqual([]);
  });

  it('follows the continuation token through every page, each key with its last-modified time', async () => {
    const repair = randomUUID();
    const keys = ['1', '1.thumb', '2', '3', '3.thumb'].map((name) => `${repair}/${name}`);
    for (const key of keys) await storage.put(key, Buffer.from(key), 'application/octet-stream');
    // s3rver reports an object's file modification time.
    const old = new Date('2020-02-02T02:02:02Z');
    await utimes(join(directory, BUCKET, repair, '2._S3rver_object'), old, old);

    const listed = await pages(2);
    expect(listed.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(listed.flat().map((o) => o.key)).toEqual(keys);
    expect(listed.flat().find((o) => o.key === `${repair}/2`)!.lastModified).toEqual(old);
  });
});
