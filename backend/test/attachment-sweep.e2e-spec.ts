import { randomUUID } from 'node:crypto';
import { access, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RepairDetail } from '@repairhub/contracts';
import { downloadAttachment, pngImage, uploadAttachment } from './factories/attachments.factory.js';
import { createRepair } from './factories/repairs.factory.js';
import { registerCustomer, type TestUser } from './factories/users.factory.js';
import { dropRedisKeys, REDIS_URL, uniqueRedisPrefix } from './support/redis.js';
import { startLocalS3 } from './support/s3-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The app's attachment store as the test sees it: write an object behind the app's back, age it, look for it. */
interface Store {
  env: Record<string, string>;
  put(key: string): Promise<void>;
  /** Makes an object look written two hours ago, past the sweep's one-hour grace, without waiting. */
  age(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Runs `hook` between the app's next listing of the store and its answer (s3rver only). */
  onNextList?(hook: () => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
}

const twoHoursAgo = () => new Date(Date.now() - 2 * 3_600_000);

async function localFiles(): Promise<Store> {
  const dataDir = await mkdtemp(join(tmpdir(), 'repairhub-sweep-'));
  const path = (key: string) => join(dataDir, 'attachments', key);
  return {
    env: { DATA_DIR: dataDir },
    put: async (key) => {
      await mkdir(dirname(path(key)), { recursive: true });
      await writeFile(path(key), 'orphan');
    },
    age: (key) => utimes(path(key), twoHoursAgo(), twoHoursAgo()),
    has: (key) => access(path(key)).then(() => true, () => false),
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function s3Bucket(): Promise<Store> {
  const s3 = await startLocalS3();
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    env: s3.env,
    put: async (key) => void (await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: 'orphan' }))),
    age: (key) => s3.setLastModified(key, twoHoursAgo()),
    has: (key) =>
      client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key })).then(
        () => true,
        (error: { name?: string }) => {
          if (error.name === 'NotFound') return false;
          throw error;
        },
      ),
    onNextList: (hook) => s3.onNextList(hook),
    close: async () => {
      client.destroy();
      await s3.close();
    },
  };
}

/**
 * The sweep of stored objects no attachment row references (what a process killed mid-upload leaves),
 * run by hand (JOB_SCHEDULES_ENABLED is off in tests) on each kind of storage.
 */
describe.each([
  // Local files offer no way to hold the app between its listing and what follows; s3rver does.
  { kind: 'local files', openStore: localFiles, pausable: false },
  { kind: 'an S3-compatible bucket', openStore: s3Bucket, pausable: true },
])('attachment storage sweep, $kind', ({ openStore, pausable }) => {
  const prefix = uniqueRedisPrefix('sweep');
  let store: Store;
  let t: TestApp;
  let other: TestApp;
  let ada: TestUser;
  let repair: RepairDetail;

  beforeAll(async () => {
    store = await openStore();
    const env = { ...store.env, ...(REDIS_URL ? { REDIS_URL, REDIS_KEY_PREFIX: prefix } : {}) };
    t = await startTestApp(env);
    // Instances share a PostgreSQL database; an embedded one belongs to one process, so there both sweeps run in it.
    other = t.databaseUrl ? await startTestApp(env, { url: t.databaseUrl }) : t;
    ada = await registerCustomer(t, 'Ada Lovelace');
    repair = await createRepair(t, ada);
  });
  afterAll(async () => {
    if (other !== t) await other?.close();
    await t?.close();
    await store?.close();
    await dropRedisKeys(prefix);
  });

  const sweep = (app = t) => app.call<number | null>('attachments/attachment-sweep.js', 'AttachmentSweep', 'sweep');
  const strayKey = async ({ aged }: { aged: boolean }) => {
    const key = `${repair.id}/${randomUUID()}`;
    await store.put(key);
    if (aged) await store.age(key);
    return key;
  };
  const uploadAged = async () => {
    const created = await uploadAttachment(t, ada, repair.id, await pngImage(), 'door.png');
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const keys = [`${repair.id}/${id}`, `${repair.id}/${id}.thumb`];
    for (const key of keys) await store.age(key);
    return { id, keys };
  };
  const present = (keys: string[]) => Promise.all(keys.map((key) => store.has(key)));

  it('removes objects older than the grace period that no attachment references, originals and thumbnails alike', async () => {
    const original = await strayKey({ aged: true });
    const thumbnail = `${original}.thumb`;
    await store.put(thumbnail);
    await store.age(thumbnail);

    expect(await sweep()).toBe(2);
    expect(await present([original, thumbnail])).toEqual([false, false]);
  });

  it('keeps an unreferenced object younger than the grace period, as its upload may still be under way', async () => {
    const young = await strayKey({ aged: false });
    expect(await sweep()).toBe(0);
    expect(await present([young])).toEqual([true]);
  });

  it('keeps the original and thumbnail of every attachment, however old, and they are still served', async () => {
    const { id, keys } = await uploadAged();
    expect(await sweep()).toBe(0);
    expect(await present(keys)).toEqual([true, true]);
    expect((await downloadAttachment(t, ada, id)).status).toBe(200);
    expect((await downloadAttachment(t, ada, id, 'thumbnail')).status).toBe(200);
  });

  it('leaves alone old objects whose keys are not attachment keys (a store shared with something else)', async () => {
    const foreign = `backups/${randomUUID()}.tar`;
    await store.put(foreign);
    await store.age(foreign);
    expect(await sweep()).toBe(0);
    expect(await present([foreign])).toEqual([true]);
  });

  (pausable ? it : it.skip)('keeps the files of an attachment whose row is committed between the listing and the deletion', async () => {
    const id = randomUUID();
    const [original, thumbnail] = [`${repair.id}/${id}`, `${repair.id}/${id}.thumb`];
    for (const key of [original, thumbnail]) {
      await store.put(key);
      await store.age(key);
    }
    await store.onNextList!(() =>
      t.sql(
        `INSERT INTO attachments (id, repair_request_id, uploaded_by, file_name, content_type, size, storage_key, thumbnail_key)
         VALUES ($1, $2, $3, 'late.png', 'image/png', 6, $4, $5)`,
        [id, repair.id, ada.id, original, thumbnail],
      ),
    );

    expect(await sweep()).toBe(0);
    expect(await present([original, thumbnail])).toEqual([true, true]);
    const served = await downloadAttachment(t, ada, id);
    expect({ status: served.status, body: served.bytes.toString() }).toEqual({ status: 200, body: 'orphan' });
  });

  it('runs one sweep at a time: two at once remove each object once, and neither fails', async () => {
    const strays = [await strayKey({ aged: true }), await strayKey({ aged: true })];
    const { keys } = await uploadAged();
    const runs: Promise<number | null>[] = [];
    // With s3rver the first sweep to list is held there until the other one has finished: they overlap for sure.
    await store.onNextList?.(() => Promise.race(runs));
    runs.push(sweep(t), sweep(other));

    const removed = await Promise.all(runs);
    expect(removed.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(2);
    expect(await present(strays)).toEqual([false, false]);
    expect(await present(keys)).toEqual([true, true]);
  });

  it('runs as the attachments.sweep job', async () => {
    const stray = await strayKey({ aged: true });
    await t.call('infra/jobs/jobs.service.js', 'Jobs', 'enqueue', 'attachments.sweep', {});
    for (let tries = 0; (await store.has(stray)) && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await present([stray])).toEqual([false]);
  });
});
