import { randomUUID } from 'node:crypto';
import { rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredObject } from './attachment-storage.js';
import { LocalAttachmentStorage } from './local-attachment-storage.js';

async function pages(storage: LocalAttachmentStorage, pageSize?: number): Promise<StoredObject[][]> {
  const all: StoredObject[][] = [];
  for await (const page of storage.list(pageSize)) all.push(page);
  return all;
}

describe('LocalAttachmentStorage.list', () => {
  let dir: string;
  let storage: LocalAttachmentStorage;

  beforeEach(async () => {
    dir = join(tmpdir(), `repairhub-list-${randomUUID()}`);
    storage = await LocalAttachmentStorage.open(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists nothing in an empty store', async () => {
    expect(await pages(storage)).toEqual([]);
  });

  it('lists every key of every repair in pages of at most the size asked, with its modification time', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const keys = [`${a}/1`, `${a}/1.thumb`, `${a}/2`, `${b}/3`, `${b}/3.thumb`];
    for (const key of keys) await storage.put(key, Buffer.from(key));
    const old = new Date('2020-02-02T02:02:02Z');
    await utimes(join(dir, a, '2'), old, old);

    const listed = await pages(storage, 2);
    expect(listed.map((page) => page.length)).toEqual([2, 2, 1]);
    const objects = listed.flat();
    expect(objects.map((o) => o.key).sort()).toEqual([...keys].sort());
    expect(objects.find((o) => o.key === `${a}/2`)!.lastModified).toEqual(old);
    expect(objects.find((o) => o.key === `${b}/3`)!.lastModified.getTime()).toBeGreaterThan(old.getTime());
  });

  it('goes on past keys removed while it lists them', async () => {
    const repair = randomUUID();
    const keys = ['1', '2', '3', '4'].map((n) => `${repair}/${n}`);
    for (const key of keys) await storage.put(key, Buffer.from(key));
    const seen: string[] = [];
    for await (const page of storage.list(1)) {
      seen.push(...page.map((o) => o.key));
      // Everything not yet listed disappears, as when failed uploads clean up meanwhile.
      for (const key of keys) if (!seen.includes(key)) await storage.delete(key);
    }
    expect(seen).toHaveLength(1);
  });
});
