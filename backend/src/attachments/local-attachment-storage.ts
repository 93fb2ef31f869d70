import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, opendir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AttachmentStorage, type StoredObject } from './attachment-storage.js';

const ifMissing = <T>(value: T) => (error: NodeJS.ErrnoException): T => {
  if (error.code === 'ENOENT') return value;
  throw error;
};

/** Files under one directory; a key's `/` becomes a sub-directory. */
export class LocalAttachmentStorage extends AttachmentStorage {
  private constructor(private readonly dir: string) {
    super();
  }

  /** `dir` null: a fresh temporary directory (the tests' throw-away database). */
  static async open(dir: string | null): Promise<LocalAttachmentStorage> {
    const root = dir ?? (await mkdtemp(join(tmpdir(), 'repairhub-attachments-')));
    await mkdir(root, { recursive: true });
    return new LocalAttachmentStorage(root);
  }

  private path(key: string): string {
    if (!/^[\w-]+(\/[\w.-]+)*$/.test(key) || key.includes('..')) throw new Error(`Invalid attachment key ${key}`);
    return join(this.dir, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx' });
  }

  async get(key: string): Promise<Readable | null> {
    const file = await open(this.path(key), 'r').catch(ifMissing(null));
    return file ? createReadStream('', { fd: file }) : null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** Walks the tree a directory at a time; a file removed while it is walked (a failed upload cleaning up) is skipped. */
  async *list(pageSize = 1000): AsyncGenerator<StoredObject[]> {
    let page: StoredObject[] = [];
    for await (const key of this.keysUnder('')) {
      const info = await stat(join(this.dir, key)).catch(ifMissing(null));
      if (!info) continue;
      page.push({ key, lastModified: info.mtime });
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  private async *keysUnder(prefix: string): AsyncGenerator<string> {
    const dir = await opendir(join(this.dir, prefix)).catch(ifMissing(null));
    if (!dir) return;
    for await (const entry of dir) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) yield* this.keysUnder(key);
      else if (entry.isFile()) yield key;
    }
  }
}
