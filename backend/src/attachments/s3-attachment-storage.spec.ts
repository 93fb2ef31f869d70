import { randomUUID } from 'node:crypto';
import { startLocalS3, type LocalS3 } from '../../test/support/s3-server.js';
import type { StoredObject } from './attachment-storage.js';
import { S3AttachmentStorage } from './s3-attachment-storage.js';

describe('S3AttachmentStorage.list (against s3rver)', () => {
  let s3: LocalS3;
  let storage: S3AttachmentStorage;

  beforeAll(async () => {
    s3 = await startLocalS3('list-test');
    storage = new S3AttachmentStorage({
      kind: 's3',
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    });
  });
  afterAll(async () => {
    storage?.onModuleDestroy();
    await s3?.close();
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
    const old = new Date('2020-02-02T02:02:02Z');
    await s3.setLastModified(`${repair}/2`, old);

    const listed = await pages(2);
    expect(listed.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(listed.flat().map((o) => o.key)).toEqual(keys);
    expect(listed.flat().find((o) => o.key === `${repair}/2`)!.lastModified).toEqual(old);
  });
});
