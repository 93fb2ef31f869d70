import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { createRepair } from './factories/repairs.factory.js';
import { downloadAttachment, photoWithGps, uploadAttachment, windowsExecutable } from './factories/attachments.factory.js';
import { registerCustomer, type TestUser } from './factories/users.factory.js';
import { startLocalS3, type LocalS3 } from './support/s3-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('attachments in an S3-compatible bucket', () => {
  let s3: LocalS3;
  let t: TestApp;
  let client: S3Client;
  let ada: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    s3 = await startLocalS3();
    t = await startTestApp(s3.env);
    client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    [ada, bob] = await Promise.all([registerCustomer(t, 'Ada Lovelace'), registerCustomer(t, 'Bob Marley')]);
  });
  afterAll(async () => {
    client?.destroy();
    await t?.close();
    await s3?.close();
  });

  const keysOf = async (repairId: string) =>
    ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${repairId}/` }))).Contents ?? []).map((o) => o.Key).sort();

  it('keeps the cleaned photo and its thumbnail in the bucket and streams them through the API to the owner only', async () => {
    const repair = await createRepair(t, ada);
    const created = await uploadAttachment(t, ada, repair.id, await photoWithGps(), 'door.jpg');
    expect(created.status).toBe(201);
    expect(await keysOf(repair.id)).toEqual([`${repair.id}/${created.body.id}`, `${repair.id}/${created.body.id}.thumb`]);

    const served = await downloadAttachment(t, ada, created.body.id);
    expect(served.status).toBe(200);
    expect(served.bytes.length).toBe(created.body.size);
    expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();
    expect((await downloadAttachment(t, ada, created.body.id, 'thumbnail')).headers.get('content-type')).toBe('image/webp');
    expect((await downloadAttachment(t, bob, created.body.id)).status).toBe(404);
  });

  it('puts nothing in the bucket for a refused file', async () => {
    const repair = await createRepair(t, ada);
    expect((await uploadAttachment(t, ada, repair.id, windowsExecutable(), 'photo.jpg')).status).toBe(415);
    expect(await keysOf(repair.id)).toEqual([]);
  });
});
